export * from './acl-signature';
