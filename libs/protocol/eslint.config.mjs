import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:net', message: 'protocol knows no network.' },
            { name: 'net', message: 'protocol knows no network.' },
            { name: 'node:fs', message: 'protocol knows no files.' },
            { name: 'fs', message: 'protocol knows no files.' },
            { name: 'node:fs/promises', message: 'protocol knows no files.' },
            { name: 'rxjs', message: 'no RxJS outside libs/nest-remoting.' },
            { name: '@rocketmq-ts/testing', message: 'libs/testing is for specs only.' },
          ],
          patterns: [{ group: ['@nestjs/*', 'rxjs/*'], message: 'Only libs/nest-remoting may import Nest or RxJS.' }],
        },
      ],
    },
  },
];
