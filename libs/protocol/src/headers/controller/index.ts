export * from './alter-sync-state-set-headers';
export * from './broker-id-headers';
export * from './clean-controller-broker-data-request-header';
export * from './elect-master-headers';
export * from './get-meta-data-response-header';
export * from './get-replica-info-headers';
export * from './notify-broker-role-changed-request-header';
export * from './register-broker-to-controller-headers';
