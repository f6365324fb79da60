import { at, errorMessage } from '@rocketmq-ts/base';
import {
  createRequest,
  describeResponseCode,
  GetRouteInfoRequestHeader,
  RequestCode,
  ResponseCode,
  TopicRouteData,
} from '@rocketmq-ts/protocol';
import { type RemotingClient, RemotingError } from '@rocketmq-ts/remoting';

import { MQClientError } from '../errors';

export interface NamesrvRouteFetcherOptions {
  readonly remoting: RemotingClient;
  readonly namesrvAddrs: readonly string[];
  readonly requestTimeoutMs: number;
}

/**
 * GET_ROUTEINFO_BY_TOPIC against a list of name servers, for the producer's route cache and the
 * consumers' route table: sticks to the one that answered last and moves to the next only when
 * one cannot be reached, or dies or stalls mid-request (answers are the same everywhere), as
 * Java's client does.
 */
export class NamesrvRouteFetcher {
  private namesrvIndex = 0;

  constructor(private readonly options: NamesrvRouteFetcherOptions) {
    if (options.namesrvAddrs.length === 0) throw new MQClientError('no name server address given', { retriable: false });
  }

  /** The route, or undefined when the name server says the topic does not exist (TOPIC_NOT_EXIST). */
  async fetch(topic: string): Promise<TopicRouteData | undefined> {
    const addrs = this.options.namesrvAddrs;
    let lastError: unknown;
    for (let tried = 0; tried < addrs.length; tried += 1) {
      const index = (this.namesrvIndex + tried) % addrs.length;
      const addr = at(addrs, index, 'namesrvAddrs');
      const request = createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: GetRouteInfoRequestHeader.encode({ topic }) });
      try {
        const response = await this.options.remoting.invoke(addr, request, this.options.requestTimeoutMs);
        this.namesrvIndex = index;
        if (response.code === ResponseCode.TOPIC_NOT_EXIST) return undefined;
        if (response.code !== ResponseCode.SUCCESS || response.body === undefined) {
          throw new MQClientError(
            `name server ${addr} answered ${describeResponseCode(response.code)} for the route of ${topic}: ${response.remark ?? ''}`,
            {
              responseCode: response.code,
              remark: response.remark,
            },
          );
        }
        return TopicRouteData.decode(response.body);
      } catch (error) {
        // Only a transport failure is worth trying the next name server for.
        if (!(error instanceof RemotingError) || !error.retriable) throw error instanceof MQClientError ? error : wrap(topic, addr, error);
        lastError = error;
      }
    }
    const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
    throw new MQClientError(`cannot reach any name server (${addrs.join(';')}) for the route of ${topic}${reason}`, {
      retriable: true,
      cause: lastError,
    });
  }
}

function wrap(topic: string, addr: string, error: unknown): MQClientError {
  const retriable = typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true;
  const reason = errorMessage(error);
  return new MQClientError(`route lookup of ${topic} at ${addr} failed: ${reason}`, { retriable, cause: error });
}
