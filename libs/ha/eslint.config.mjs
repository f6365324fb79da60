import baseConfig from '../../eslint.config.mjs';

const nestAndRx = ['@nestjs/*', 'rxjs', 'rxjs/*'];

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'rxjs', message: 'no RxJS outside libs/nest-remoting.' }, { name: '@rocketmq-ts/testing', message: 'libs/testing is for specs only.' }], patterns: [{ group: ['@nestjs/*', 'rxjs/*'], message: 'Only libs/nest-remoting may import Nest or RxJS.' }] }],
    },
  },
  {
    // Specs and their support may use libs/testing (waits, temp dirs); shipping code may not.
    files: ['**/*.spec.ts', '**/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'layer:ha',
              onlyDependOnLibsWithTags: ['layer:base', 'layer:model', 'layer:protocol', 'layer:storage', 'layer:observability', 'layer:test'],
              bannedExternalImports: nestAndRx,
            },
          ],
        },
      ],
    },
  },
];
