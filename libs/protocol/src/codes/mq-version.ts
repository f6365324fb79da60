/**
 * MQVersion ordinals: the `version` field of every command is the sender's ordinal in Java's
 * MQVersion.Version enum (docs/remoting-protocol.md#codes-and-versions). Only the ordinals that change behaviour are named.
 */
export const MQVersion = {
  /** Brokers below this send a register body older than RegisterBrokerBody. */
  V3_0_11: 37,
  /** ali-ons always sends this; maxReconsumeTimes in send headers is honoured from here on. */
  V3_4_9: 121,
  /** Java consumers refuse SQL92 subscriptions when the broker's heartbeat reply is below this. */
  V4_1_0_SNAPSHOT: 232,
  /** rocketmq-client-go v2 always sends this. */
  V4_5_2: 317,
  /** From here on the namesrv replies to route queries with standard JSON (quoted map keys). */
  V4_9_4: 401,
  /** From here on the compressed register body carries topic queue mapping infos. */
  V5_0_0: 413,
  /** GO_AWAY is only sent to requesters above this. */
  V5_3_1: 475,
  /** CURRENT_VERSION of the Java sources (RocketMQ 5.3.x) this protocol follows. */
  V5_3_3: 479,
} as const;

export type MQVersionName = keyof typeof MQVersion;

const NAME_BY_ORDINAL = new Map<number, string>(Object.entries(MQVersion).map(([name, ordinal]) => [ordinal, name]));

/** The version's name when it is one we name, else `V_<ordinal>` (good enough for logs). */
export function mqVersionName(ordinal: number): string {
  return NAME_BY_ORDINAL.get(ordinal) ?? `V_${ordinal}`;
}

/**
 * Whether a GET_ROUTEINFO_BY_TOPIC reply must use standard JSON (quoted brokerAddrs keys):
 * requesters from V4_9_4 on, or any requester whose header says `acceptStandardJsonOnly=true`
 * (Java's Boolean.parseBoolean, so case-insensitive). Everyone else gets bare numeric keys, which
 * pre-2.1.2 GO clients need to tell a master from its slaves.
 */
export function usesStandardRouteJson(version: number, acceptStandardJsonOnly: string | boolean | undefined): boolean {
  if (version >= MQVersion.V4_9_4) return true;
  if (typeof acceptStandardJsonOnly === 'boolean') return acceptStandardJsonOnly;
  return acceptStandardJsonOnly !== undefined && acceptStandardJsonOnly.toLowerCase() === 'true';
}
