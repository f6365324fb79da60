export * from './perm-name';
export * from './topic-config';
export * from './topic-names';
export * from './topic-validator';
export * from './message-queue';
