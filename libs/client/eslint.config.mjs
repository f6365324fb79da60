import { libWithSpecSupport } from '../../tools/eslint/lib-with-spec-support.mjs';

export default libWithSpecSupport({
  sourceTag: 'layer:client',
  dependsOn: ['layer:base', 'layer:model', 'layer:protocol', 'layer:transport', 'layer:observability'],
});
