import { errorMessage } from '@rocketmq-ts/base';
import type { RemotingCommand } from '@rocketmq-ts/protocol';
import { ResponseCode } from '@rocketmq-ts/protocol';
import { type RemotingClient, RemotingError } from '@rocketmq-ts/remoting';

import { MQBrokerError, MQClientError } from '../../errors';

/** One remoting client and a default timeout; every failure comes out as an MQClientError. */
export class BrokerCaller {
  constructor(
    readonly remoting: RemotingClient,
    readonly timeoutMs: number,
  ) {}

  /** The broker's response whatever its code; throws only when none arrived. */
  async call(addr: string, request: RemotingCommand, timeoutMs = this.timeoutMs): Promise<RemotingCommand> {
    try {
      return await this.remoting.invoke(addr, request, timeoutMs);
    } catch (error) {
      throw asClientError(error, addr, request.code);
    }
  }

  /** The response when its code is SUCCESS, else MQBrokerError. */
  async success(addr: string, request: RemotingCommand, timeoutMs = this.timeoutMs): Promise<RemotingCommand> {
    const response = await this.call(addr, request, timeoutMs);
    if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(addr, response.code, response.remark);
    return response;
  }

  async oneway(addr: string, request: RemotingCommand): Promise<void> {
    try {
      await this.remoting.invokeOneway(addr, request);
    } catch (error) {
      throw asClientError(error, addr, request.code);
    }
  }
}

export function asClientError(error: unknown, addr: string, code: number): MQClientError {
  if (error instanceof MQClientError) return error;
  if (error instanceof RemotingError) return new MQClientError(error.message, { retriable: error.retriable, cause: error });
  const reason = errorMessage(error);
  return new MQClientError(`request ${code} to ${addr} failed: ${reason}`, { retriable: false, cause: error });
}
