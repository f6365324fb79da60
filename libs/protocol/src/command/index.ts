export * from './protocol-error';
export * from './remoting-command';
export * from './language-code';
export * from './json-header';
export * from './rocketmq-header';
export * from './frame-codec';
export * from './frame-splitter';
