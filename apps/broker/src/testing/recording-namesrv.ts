import {
  createResponse,
  RegisterBrokerBody,
  RegisterBrokerRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  UnRegisterBrokerRequestHeader,
} from '@rocketmq-ts/protocol';
import { HandlerTable, RemotingServer } from '@rocketmq-ts/remoting';

export interface RecordedRegistration {
  readonly brokerAddr: string;
  readonly brokerName: string;
  readonly topics: readonly string[];
  readonly dataVersionCounter: bigint;
  readonly bodyCrc32: number;
}

/**
 * A stand-in name server for broker wire specs: a real RemotingServer on an ephemeral port that
 * answers REGISTER_BROKER / UNREGISTER_BROKER with SUCCESS and records what arrived. (Apps may
 * not import each other, and spawning bin/mqnamesrv is left to the process spec.)
 */
export class RecordingNamesrv {
  readonly registrations: RecordedRegistration[] = [];
  readonly unregistrations: string[] = [];
  private readonly server: RemotingServer;

  constructor() {
    const table = new HandlerTable([{ name: 'broker', maxInFlight: 16, maxQueued: 64 }]);
    const handler = { handle: (_context: unknown, request: RemotingCommand) => this.record(request) };
    table.register(RequestCode.REGISTER_BROKER, handler, 'broker');
    table.register(RequestCode.UNREGISTER_BROKER, handler, 'broker');
    table.freeze();
    this.server = new RemotingServer({ handlerTable: table });
  }

  async start(): Promise<string> {
    const port = await this.server.listen({ host: '127.0.0.1', port: 0 });
    return `127.0.0.1:${port}`;
  }

  stop(): Promise<void> {
    return this.server.close({ drainTimeoutMs: 500 });
  }

  latest(): RecordedRegistration | undefined {
    return this.registrations.at(-1);
  }

  private record(request: RemotingCommand): RemotingCommand {
    if (request.code === RequestCode.UNREGISTER_BROKER) {
      this.unregistrations.push(UnRegisterBrokerRequestHeader.decode(request.extFields).brokerAddr);
      return createResponse(request, ResponseCode.SUCCESS);
    }
    const header = RegisterBrokerRequestHeader.decode(request.extFields);
    const body = RegisterBrokerBody.decode(request.body ?? Buffer.alloc(0), false);
    const wrapper = body.topicConfigSerializeWrapper;
    this.registrations.push({
      brokerAddr: header.brokerAddr,
      brokerName: header.brokerName,
      topics: [...wrapper.topicConfigTable.keys()].sort(),
      dataVersionCounter: wrapper.dataVersion.counter,
      bodyCrc32: header.bodyCrc32,
    });
    return createResponse(request, ResponseCode.SUCCESS);
  }
}
