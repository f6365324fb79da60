export * from './message-ext';
export * from './allocate';
export type { ConsumeFromWhere, ConsumerBaseOptions, MessageModel, PushConsumerOptions } from './consumer-options';
export * from './listener';
export { PushConsumer } from './push-consumer';
export { LitePullConsumer, type LitePullConsumerOptions, type PollOptions } from './lite-pull-consumer';
export { EXPRESSION_TYPE_SQL92, EXPRESSION_TYPE_TAG, type MessageSelector } from './subscription';
