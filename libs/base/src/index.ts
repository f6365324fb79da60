export * from './crc32';
export * from './clock';
export * from './logger';
