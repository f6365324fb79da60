export * from './message';
export * from './topic';
