export * from './command';
export * from './codes';
export * from './headers';
export * from './json';
export * from './bodies';
export * from './acl';
export * from './trace';
