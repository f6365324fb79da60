import { libWithSpecSupport } from '../../tools/eslint/lib-with-spec-support.mjs';

// The filter lib is pure computation (an expression in, a verdict on a property lookup out): no
// network, no files, no store. Its property specs draw expressions from libs/testing.
const noIo = ['node:net', 'net', 'node:fs', 'fs', 'node:fs/promises', '@rocketmq-ts/store', '@rocketmq-ts/remoting'].map((name) => ({
  name,
  message: 'filter knows no network, files or store.',
}));

export default [
  ...libWithSpecSupport({ sourceTag: 'layer:filter', dependsOn: ['layer:base'] }),
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noIo,
            { name: 'rxjs', message: 'no RxJS outside libs/nest-remoting.' },
            { name: '@rocketmq-ts/testing', message: 'libs/testing is for specs only.' },
          ],
          patterns: [{ group: ['@nestjs/*', 'rxjs/*'], message: 'Only libs/nest-remoting may import Nest or RxJS.' }],
        },
      ],
    },
  },
];
