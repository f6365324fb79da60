export * from './remoting-processor.decorator';
export * from './remoting-server-module-options';
export * from './remoting-server.service';
export * from './remoting-server.module';
export * from './nest-logger-bridge';
export * from './inject-named';
