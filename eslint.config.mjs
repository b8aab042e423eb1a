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
