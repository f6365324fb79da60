import baseConfig from '../../eslint.config.mjs';

const storeImports = {
  paths: [
    { name: 'node:net', message: 'store knows no network.' },
    { name: 'net', message: 'store knows no network.' },
    { name: 'rxjs', message: 'no RxJS outside libs/nest-remoting.' },
    { name: '@rocketmq-ts/testing', message: 'libs/testing is for specs only.' },
  ],
  patterns: [{ group: ['@nestjs/*', 'rxjs/*'], message: 'Only libs/nest-remoting may import Nest or RxJS.' }],
};

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', storeImports] },
  },
  {
    // Fixtures and fakes (src/testing/) serve specs and the benchmark; the store itself, and so its
    // package index, never reaches them (docs/architecture.md#folders-one-concept-each).
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', '**/bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...storeImports,
          patterns: [...storeImports.patterns, { group: ['**/testing/*'], message: 'src/testing/ is for specs and the benchmark.' }],
        },
      ],
    },
  },
];
