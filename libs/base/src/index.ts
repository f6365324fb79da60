export * from './crc32';
export * from './describe-error';
export * from './clock';
export * from './logger';
export * from './java-long';
export * from './order-statistics';
export * from './recording-logger';
export * from './int64';
