// Real client drivers for e2e suites (ali-ons, the official Java client's producer and consumer),
// behind their own entry point so that unit tests importing @rocketmq-ts/testing do not load ali-ons.
export * from './java';
export * from './ons';
