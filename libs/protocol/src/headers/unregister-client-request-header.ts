import type { ExtFields } from '../command/remoting-command';
import { optionalString, requireString } from './header-fields';

/**
 * UNREGISTER_CLIENT (35) request header:
 *   clientID       string  required
 *   producerGroup  string  optional  unregister the producer of this group
 *   consumerGroup  string  optional  unregister the consumer of this group
 */
export interface UnregisterClientRequestHeader {
  readonly clientID: string;
  readonly producerGroup?: string;
  readonly consumerGroup?: string;
}

const NAME = 'UnregisterClientRequestHeader';

export const UnregisterClientRequestHeader = {
  encode(header: UnregisterClientRequestHeader): ExtFields {
    const ext: ExtFields = { clientID: header.clientID };
    if (header.producerGroup !== undefined) ext['producerGroup'] = header.producerGroup;
    if (header.consumerGroup !== undefined) ext['consumerGroup'] = header.consumerGroup;
    return ext;
  },

  decode(ext: ExtFields | undefined): UnregisterClientRequestHeader {
    return { clientID: requireString(ext, 'clientID', NAME), producerGroup: optionalString(ext, 'producerGroup'), consumerGroup: optionalString(ext, 'consumerGroup') };
  },
};
