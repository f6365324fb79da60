import { libWithSpecSupport } from '../../tools/eslint/lib-with-spec-support.mjs';

export default libWithSpecSupport({ sourceTag: 'layer:raft', dependsOn: ['layer:base'] });
