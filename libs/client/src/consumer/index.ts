export * from './message-ext';
export * from './allocate/allocate-strategy';
