export * from './trace-data';
