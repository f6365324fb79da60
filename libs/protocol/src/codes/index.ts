export * from './request-code';
export * from './response-code';
export * from './mq-version';
export * from './response-code-table';
