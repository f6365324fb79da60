import { libWithSpecSupport } from '../../tools/eslint/lib-with-spec-support.mjs';

export default libWithSpecSupport({
  sourceTag: 'layer:ha',
  dependsOn: ['layer:base', 'layer:model', 'layer:protocol', 'layer:storage', 'layer:observability'],
});
