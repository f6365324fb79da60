/** Injection tokens for values that are not classes. */
export const EXPORTER_CONFIG = Symbol('EXPORTER_CONFIG');
export const EXPORTER_LOGGER = Symbol('EXPORTER_LOGGER');
export const EXPORTER_CLOCK = Symbol('EXPORTER_CLOCK');
export const EXPORTER_METRICS = Symbol('EXPORTER_METRICS');
