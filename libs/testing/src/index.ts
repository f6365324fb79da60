export * from './ports';
export * from './wait-for';
export * from './temp-dir';
export * from './ring-buffer';
export * from './process-harness';
export * from './remoting-request';
export * from './workspace-paths';
