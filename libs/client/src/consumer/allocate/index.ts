export * from './allocate-strategy';
export * from './allocate-averagely';
export * from './allocate-averagely-by-circle';
export * from './allocate-consistent-hash';
export * from './allocate-by-machine-room';
export * from './allocate-by-config';
export * from './allocate-strategy-by-name';
export { ConsistentHashRing, md5RingHash } from './consistent-hash-ring';
