export * from './broker-replicas-info';
export * from './elect-master-response-body';
export * from './epoch-entry-cache';
export * from './sync-state-set';
