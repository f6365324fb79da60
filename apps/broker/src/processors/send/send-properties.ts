import { findMessageProperty, MessageConst, NAME_VALUE_SEPARATOR, PROPERTY_SEPARATOR } from '@rocketmq-ts/model';

/** The broker's additions to a stored message's properties, fixed per broker. */
export interface BrokerStampedProperties {
  readonly clusterName: string;
  readonly regionId: string;
  readonly traceOn: boolean;
}

/**
 * Properties as stored (docs/remoting-protocol.md#requests-the-broker-serves step 5): the producer's text plus UNIQ_KEY when it has
 * none, and CLUSTER, MSG_REGION and TRACE_ON when absent. Works on the text: appending
 * `name\u0001value\u0002` keeps the producer's bytes and order and builds no map per message.
 */
export function stampProperties(properties: string, uniqKey: string | undefined, stamp: BrokerStampedProperties): string {
  let text = properties;
  // ali-ons may omit the trailing separator; appending after it would glue two pairs together.
  if (text.length > 0 && !text.endsWith(PROPERTY_SEPARATOR)) text += PROPERTY_SEPARATOR;
  if (uniqKey !== undefined) text += pair(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniqKey);
  if (findMessageProperty(properties, MessageConst.PROPERTY_CLUSTER) === undefined)
    text += pair(MessageConst.PROPERTY_CLUSTER, stamp.clusterName);
  if (findMessageProperty(properties, MessageConst.PROPERTY_MSG_REGION) === undefined)
    text += pair(MessageConst.PROPERTY_MSG_REGION, stamp.regionId);
  if (findMessageProperty(properties, MessageConst.PROPERTY_TRACE_SWITCH) === undefined)
    text += pair(MessageConst.PROPERTY_TRACE_SWITCH, String(stamp.traceOn));
  return text;
}

function pair(name: string, value: string): string {
  return name + NAME_VALUE_SEPARATOR + value + PROPERTY_SEPARATOR;
}
