import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Feature folders and the ports they share depend on ports, never on processors/ internals
    // (docs/architecture.md#folders-one-concept-each). This entry replaces the base entry's
    // no-restricted-imports for these files, so it repeats the libs/testing ban.
    files: ['**/src/{consumer,send-hooks,put,filter,retry,schedule,timer,transaction,pop}/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@rocketmq-ts/testing', message: 'libs/testing is for specs and e2e only.' }],
          patterns: [
            {
              group: ['**/processors/**'],
              message: 'a feature depends on a port (consumer/, send-hooks/, put/, filter/), not on processors/.',
            },
          ],
        },
      ],
    },
  },
];
