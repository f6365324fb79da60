export * from './errors';
export * from './producer/message';
export * from './producer/send-result';
export * from './producer/producer';
export * from './producer/queue-selector';
export * from './route/topic-publish-info';
export * from './route/topic-route-cache';
