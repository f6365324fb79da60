import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { decodeCompressedRegisterBody, encodeCompressedRegisterBody } from './register-broker-body-compressed';
import { TopicConfigSerializeWrapper } from './topic-config-serialize-wrapper';

/**
 * REGISTER_BROKER (103) request body (docs/remoting-protocol.md#requests-the-broker-serves). Plain form, fastjson JSON:
 *   {"filterServerList":[...],"topicConfigSerializeWrapper":{TopicConfigSerializeWrapper}}
 * Compressed form (header compressed=true): see register-broker-body-compressed.ts.
 *
 * Real Java brokers send this, so decode is lenient: missing parts default to empty.
 */
export interface RegisterBrokerBody {
  readonly topicConfigSerializeWrapper: TopicConfigSerializeWrapper;
  readonly filterServerList: readonly string[];
}

const NAME = 'RegisterBrokerBody';

export const RegisterBrokerBody = {
  encode(body: RegisterBrokerBody): Buffer {
    return writeJsonBuffer({
      filterServerList: body.filterServerList,
      topicConfigSerializeWrapper: TopicConfigSerializeWrapper.toJson(body.topicConfigSerializeWrapper),
    });
  },

  /**
   * The zlib form. `withMappingInfos` is false only when talking to a namesrv older than V5_0_0,
   * which does not read the trailing mapping section.
   */
  encodeCompressed(body: RegisterBrokerBody, withMappingInfos = true): Buffer {
    return encodeCompressedRegisterBody(body, withMappingInfos);
  },

  decode(bytes: Buffer, compressed: boolean): RegisterBrokerBody {
    if (compressed) return decodeCompressedRegisterBody(bytes);
    const fields = BodyReader.of(NAME, readJson(bytes));
    return {
      topicConfigSerializeWrapper: TopicConfigSerializeWrapper.fromJson(
        fields.raw('topicConfigSerializeWrapper') ?? {},
        '$.topicConfigSerializeWrapper',
      ),
      filterServerList: fields.stringArray('filterServerList'),
    };
  },
};
