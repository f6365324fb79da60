export * from './crc32';
