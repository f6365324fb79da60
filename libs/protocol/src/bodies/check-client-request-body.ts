import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { decodeSubscriptionData, type SubscriptionData } from './heartbeat-data';

/**
 * CHECK_CLIENT_CONFIG (46) request body: a consumer asks, before it starts, whether the broker
 * can serve one of its non-tag subscriptions (Java sends it for each SQL92 subscription).
 *   {"clientId":"ip@pid","group":"G","subscriptionData":{SubscriptionData}}
 * The broker answers SUCCESS, SYSTEM_ERROR (property filter off) or SUBSCRIPTION_PARSE_FAILED.
 */
export interface CheckClientRequestBody {
  readonly clientId: string;
  readonly group: string;
  /** Absent: nothing to check (Java then answers SUCCESS). */
  readonly subscriptionData: SubscriptionData | undefined;
}

const NAME = 'CheckClientRequestBody';

export const CheckClientRequestBody = {
  encode(body: CheckClientRequestBody): Buffer {
    return writeJsonBuffer({
      clientId: body.clientId,
      group: body.group,
      ...(body.subscriptionData === undefined ? {} : { subscriptionData: { ...body.subscriptionData } }),
    });
  },

  decode(bytes: Buffer | string): CheckClientRequestBody {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const subscription = fields.raw('subscriptionData');
    return {
      clientId: fields.string('clientId', ''),
      group: fields.string('group', ''),
      subscriptionData:
        subscription === undefined || subscription === null ? undefined : decodeSubscriptionData(subscription, '$.subscriptionData'),
    };
  },
};
