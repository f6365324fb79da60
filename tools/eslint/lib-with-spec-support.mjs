import baseConfig from '../../eslint.config.mjs';

const nestAndRx = ['@nestjs/*', 'rxjs', 'rxjs/*'];

/**
 * The ESLint config of a lib whose specs and `testing/` support start real processes through
 * libs/testing: shipping code may not import libs/testing (nor Nest or RxJS); specs may, on top of
 * the lib's own layer constraint (`sourceTag` may depend on `dependsOn`).
 */
export function libWithSpecSupport({ sourceTag, dependsOn }) {
  return [
    ...baseConfig,
    {
      files: ['**/*.ts'],
      ignores: ['**/*.spec.ts', '**/testing/**'],
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
    {
      files: ['**/*.spec.ts', '**/testing/**/*.ts'],
      rules: {
        '@nx/enforce-module-boundaries': [
          'error',
          {
            enforceBuildableLibDependency: true,
            banTransitiveDependencies: false,
            allow: [],
            depConstraints: [{ sourceTag, onlyDependOnLibsWithTags: [...dependsOn, 'layer:test'], bannedExternalImports: nestAndRx }],
          },
        ],
      },
    },
  ];
}
