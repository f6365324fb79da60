import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'rxjs', message: 'no RxJS outside libs/nest-remoting.' },
            { name: '@rocketmq-ts/testing', message: 'libs/testing is for specs only.' },
          ],
          patterns: [{ group: ['@nestjs/*', 'rxjs/*'], message: 'Only libs/nest-remoting may import Nest or RxJS.' }],
        },
      ],
    },
  },
];
