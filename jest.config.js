/** Unit and integration tests; `npm test` runs them after building the packages. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  roots: ['<rootDir>/packages', '<rootDir>/integ'],
  testMatch: ['**/test/**/*.test.ts', '**/integ/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.corpus\\.test\\.ts$'],
  moduleNameMapper: { '^@iamgate/core$': '<rootDir>/packages/core/src/index.ts' },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
