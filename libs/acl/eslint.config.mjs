import { libWithSpecSupport } from '../../tools/eslint/lib-with-spec-support.mjs';

// ACL 1.0 (plain_acl.yml): decides, per request, whether its signer may do it. It reads its one
// file and hooks into the remoting dispatcher; it serves nothing and stores no messages.
export default [
  ...libWithSpecSupport({
    sourceTag: 'layer:security',
    dependsOn: ['layer:base', 'layer:model', 'layer:protocol', 'layer:transport', 'layer:observability'],
  }),
];
