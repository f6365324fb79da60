import baseConfig from '../../eslint.config.mjs';

const nestAndRx = ['@nestjs/*', 'rxjs', 'rxjs/*'];

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'rxjs', message: 'no RxJS in the client SDK.' }, { name: '@rocketmq-ts/testing', message: 'libs/testing is for specs only.' }], patterns: [{ group: ['@nestjs/*', 'rxjs/*'], message: 'Only libs/nest-remoting may import Nest or RxJS.' }] }],
    },
  },
  {
    // Specs and their support start real processes through libs/testing; shipping code may not
    // (the block above and the root config ban it there).
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
              sourceTag: 'layer:client',
              onlyDependOnLibsWithTags: ['layer:base', 'layer:model', 'layer:protocol', 'layer:transport', 'layer:observability', 'layer:test'],
              bannedExternalImports: nestAndRx,
            },
          ],
        },
      ],
    },
  },
];
