/**
 * The three wire outcomes the remoting layer itself produces. Their numbers are RocketMQ's
 * ResponseCode values.
 *
 * Temporary: libs/protocol is gaining the full RequestCode/ResponseCode tables; once
 * `ResponseCode` is exported there, these constants should be replaced by it and this file
 * deleted. They are kept in this one file so that swap is a single edit.
 */
export const SYSTEM_ERROR = 1;
export const SYSTEM_BUSY = 2;
export const REQUEST_CODE_NOT_SUPPORTED = 3;
