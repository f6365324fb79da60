export * from './fsync-directory';
export * from './atomic-file';
export * from './read-with-backup';
export * from './atomic-config-file';
