export * from './message-store';
export * from './store-config';
export * from './store-internals';
