import { readFileSync } from 'node:fs';

import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';

import type { Logger } from '@rocketmq-ts/base';

import { dropFarDeadlines } from './far-deadline-guard';
import { selfSignedCertificate } from './self-signed-certificate';
import { messagingServiceHandlers, type MessagingServiceDeps } from './messaging-service';
import descriptor from './rocketmq-v2.descriptor.json';

/** The proxy's grpcMaxInboundMessageSize: 32 messages of 4 MiB plus attributes. */
const MAX_INBOUND_BYTES = 130 * 1024 * 1024;

export interface GrpcEndpointOptions {
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  /** TLS on the port; plaintext otherwise. */
  readonly tls: boolean;
  /** PEM files; empty = a self-signed certificate kept in `selfSignedDir`. */
  readonly tlsCertPath: string;
  readonly tlsKeyPath: string;
  readonly selfSignedDir: string;
  /** The host the self-signed certificate names (brokerIP1). */
  readonly host4Certificate: string;
  readonly logger: Logger;
}

/**
 * The gRPC server (docs/grpc-and-pop.md#grpc-endpoint): the v2 MessagingService loaded from the
 * bundled descriptor (rocketmq-v2.descriptor.json, generated from the vendored .proto files), so the
 * built app needs no .proto file at run time. Keepalive pings every 5 min from Java clients are
 * allowed; grpc-js's 4 MiB receive limit is raised to the proxy's; deadlines too far away for a
 * timer are dropped (far-deadline-guard.ts).
 */
export class GrpcEndpoint {
  private server: grpc.Server | undefined;
  private boundPort = 0;

  constructor(private readonly options: GrpcEndpointOptions) {}

  get port(): number {
    return this.boundPort;
  }

  async start(deps: MessagingServiceDeps): Promise<number> {
    // The JSON is protobufjs's own Root.toJSON output; TypeScript only sees its literal shape.
    const definition = fromJSON(descriptor as unknown as Parameters<typeof fromJSON>[0], {
      keepCase: true,
      longs: Number,
      enums: String,
      defaults: true,
      oneofs: true,
    });
    const service = definition['apache.rocketmq.v2.MessagingService'] as grpc.ServiceDefinition;
    const server = new grpc.Server({
      'grpc.max_receive_message_length': MAX_INBOUND_BYTES,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.http2.min_ping_interval_without_data_ms': 10_000,
    });
    server.addService(service, messagingServiceHandlers(deps));
    const credentials = this.credentials();
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${this.options.host}:${this.options.port}`, credentials, (error, port) =>
        error === null ? resolve(port) : reject(error),
      ),
    );
    dropFarDeadlines(server);
    this.server = server;
    this.options.logger.info({ port: this.boundPort, tls: this.options.tls }, 'gRPC endpoint listening');
    return this.boundPort;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      // A guard on a real gRPC server's shutdown: real time by design, not the Timers port.
      const force = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 2000);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  private credentials(): grpc.ServerCredentials {
    const { tls, tlsCertPath, tlsKeyPath } = this.options;
    if (!tls) return grpc.ServerCredentials.createInsecure();
    const pair =
      tlsCertPath !== '' && tlsKeyPath !== ''
        ? { cert: readFileSync(tlsCertPath), key: readFileSync(tlsKeyPath) }
        : selfSignedCertificate(this.options.selfSignedDir, this.options.host4Certificate);
    return grpc.ServerCredentials.createSsl(null, [{ cert_chain: pair.cert, private_key: pair.key }], false);
  }
}
