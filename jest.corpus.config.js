/** Tests against ../shared/corpus (real data from other projects); run by `npm run test:corpus`. */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['**/*.corpus.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120000,
};
