import { DiscoveryService } from '@nestjs/core';

/** What a processor declares next to its code: the request codes it serves and its lane. */
export interface RemotingProcessorMetadata {
  readonly codes: readonly number[];
  readonly lane: string;
}

/**
 * Marks a provider as the handler of `codes` in `lane`. The class must implement
 * RemotingRequestHandler and be a singleton; RemotingServerModule finds it through
 * DiscoveryService at bootstrap, so no module lists processors twice.
 *
 * @example
 *   \@RemotingProcessor({ codes: [RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2], lane: 'send' })
 *   export class SendMessageProcessor implements RemotingRequestHandler { ... }
 */
export const RemotingProcessor = DiscoveryService.createDecorator<RemotingProcessorMetadata>();
