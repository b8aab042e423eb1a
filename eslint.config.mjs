// @ts-check
import tseslint from 'typescript-eslint';

const CORE_FORBIDDEN = [
  { name: 'aws-cdk-lib', message: 'the core stays free of CDK: put this in packages/cdk-guard' },
  { name: 'constructs', message: 'the core stays free of CDK: put this in packages/cdk-guard' },
  { name: 'cdktf', message: 'the core stays free of Terraform: put this in packages/tf-scan' },
  { name: 'fs', message: 'the core does no I/O: read files in cli/ or in an adapter' },
  { name: 'node:fs', message: 'the core does no I/O: read files in cli/ or in an adapter' },
  { name: 'fs/promises', message: 'the core does no I/O: read files in cli/ or in an adapter' },
  { name: 'node:fs/promises', message: 'the core does no I/O: read files in cli/ or in an adapter' },
  { name: 'process', message: 'the core does not touch the process: use cli/' },
  { name: 'node:process', message: 'the core does not touch the process: use cli/' },
];

const COMMONJS_NAME = "[name=/^(exports|require)$/]";
const COMMONJS_NAMES = [
  `VariableDeclarator > Identifier.id${COMMONJS_NAME}`,
  `:function > Identifier${COMMONJS_NAME}`,
  `:function > AssignmentPattern > Identifier.left${COMMONJS_NAME}`,
  `ObjectPattern > Property > Identifier.value${COMMONJS_NAME}`,
  `ArrayPattern > Identifier${COMMONJS_NAME}`,
  `CatchClause > Identifier.param${COMMONJS_NAME}`,
  `ClassDeclaration > Identifier.id${COMMONJS_NAME}`,
];
const COMMONJS_MESSAGE = 'a local named `exports` or `require` shadows what the compiled CommonJS module uses: rename it';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'bench/**', '**/*.js', '**/*.mjs', 'integ/**/cdk.out/**'] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // The CommonJS that tsc emits refers to `exports` (exported bindings) and `require` (dynamic
      // imports) by name inside functions: a local of either name silently rewires them.
      'no-restricted-syntax': ['error', ...COMMONJS_NAMES.map((selector) => ({ selector, message: COMMONJS_MESSAGE }))],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: CORE_FORBIDDEN, patterns: [{ group: ['aws-cdk-lib/*', '@cdktf/*', 'cdktf/*'], message: 'the core stays free of CDK and Terraform' }] },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'the core does not touch the process: use cli/' }],
    },
  },
  {
    files: ['**/test/**/*.ts', 'integ/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
