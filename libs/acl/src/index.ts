export * from './permission';
export * from './remote-address-matcher';
export * from './plain-acl-config';
export * from './requested-resources';
export * from './plain-access-validator';
export * from './acl-request-hook';
export * from './plain-acl-file';
