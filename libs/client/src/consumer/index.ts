export * from './message-ext';
export * from './allocate';
