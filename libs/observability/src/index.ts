export * from './create-logger';
export * from './metric-catalogue';
export * from './metrics-registry';
export * from './hot-metrics';
export * from './remoting-metrics-hook';
