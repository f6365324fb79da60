import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';

/**
 * TopicList: reply body of GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206), GET_TOPICS_BY_CLUSTER (224)
 * and the unit/system topic list codes. JSON, sorted keys:
 *   {["brokerAddr":"ip:port",]"topicList":["A","B",...]}
 */
export interface TopicList {
  readonly topicList: readonly string[];
  /** Set only by GET_SYSTEM_TOPIC_LIST_FROM_NS, to name a broker to ask for more. */
  readonly brokerAddr?: string;
}

const NAME = 'TopicList';

export const TopicList = {
  encode(list: TopicList): Buffer {
    return writeJsonBuffer({ brokerAddr: list.brokerAddr, topicList: list.topicList });
  },

  decode(bytes: Buffer | string): TopicList {
    const fields = BodyReader.of(NAME, readJson(bytes));
    return { topicList: fields.stringArray('topicList'), brokerAddr: fields.optionalString('brokerAddr') };
  },
};
