import type { ExtFields } from '../command/remoting-command';
import { optionalString, requireInt, requireLong, requireString } from './header-fields';

/**
 * SEARCH_OFFSET_BY_TIMESTAMP (29) request header (docs/remoting-protocol.md#requests-the-broker-serves); reply is OffsetResponseHeader:
 *   topic         string  required
 *   queueId       int     required
 *   timestamp     long    required  ms since the epoch
 *   boundaryType  string  optional  LOWER (default) or UPPER (5.x)
 */
export interface SearchOffsetRequestHeader {
  readonly topic: string;
  readonly queueId: number;
  readonly timestamp: number;
  readonly boundaryType?: string;
}

const NAME = 'SearchOffsetRequestHeader';

export const SearchOffsetRequestHeader = {
  encode(header: SearchOffsetRequestHeader): ExtFields {
    const ext: ExtFields = { topic: header.topic, queueId: String(header.queueId), timestamp: String(header.timestamp) };
    if (header.boundaryType !== undefined) ext['boundaryType'] = header.boundaryType;
    return ext;
  },

  decode(ext: ExtFields | undefined): SearchOffsetRequestHeader {
    return {
      topic: requireString(ext, 'topic', NAME),
      queueId: requireInt(ext, 'queueId', NAME),
      timestamp: requireLong(ext, 'timestamp', NAME),
      boundaryType: optionalString(ext, 'boundaryType'),
    };
  },
};
