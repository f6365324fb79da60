// Regenerates apps/broker/src/grpc/rocketmq-v2.descriptor.json from the vendored
// apps/broker/src/grpc/proto/apache/rocketmq/v2/{service,definition}.proto (docs/grpc-and-pop.md#grpc-endpoint).
// The broker loads the JSON (it is bundled with the code, no .proto path at run time);
// apps/broker/src/grpc/descriptor.spec.ts fails when the two drift apart.
const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const protobuf = require('protobufjs');

const protoDir = resolve(__dirname, '../../apps/broker/src/grpc/proto');
const out = resolve(__dirname, '../../apps/broker/src/grpc/rocketmq-v2.descriptor.json');

function descriptor() {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : resolve(protoDir, target));
  root.loadSync('apache/rocketmq/v2/service.proto', { keepCase: true });
  return JSON.stringify(root.toJSON({ keepComments: false }), null, 1) + '\n';
}

module.exports = { descriptor };
if (require.main === module) writeFileSync(out, descriptor());
