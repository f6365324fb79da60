import { ResponseCode } from '@rocketmq-ts/protocol';
import type { PutMessageStatus } from '@rocketmq-ts/store';

export interface StatusResponse {
  readonly code: number;
  readonly remark: string | undefined;
}

const OK: StatusResponse = { code: ResponseCode.SUCCESS, remark: undefined };

/**
 * The one place a store status becomes a response code (docs/remoting-protocol.md#codes-and-versions, docs/architecture.md). The
 * three timeout/slave statuses are successes for every client: the message is stored, so the
 * reply still carries msgId/queueId/queueOffset.
 */
export function putStatusResponse(status: PutMessageStatus, storeRemark: string | undefined): StatusResponse {
  switch (status) {
    case 'PUT_OK':
      return OK;
    case 'FLUSH_DISK_TIMEOUT':
      return { code: ResponseCode.FLUSH_DISK_TIMEOUT, remark: undefined };
    case 'FLUSH_SLAVE_TIMEOUT':
      return { code: ResponseCode.FLUSH_SLAVE_TIMEOUT, remark: undefined };
    case 'SLAVE_NOT_AVAILABLE':
      return { code: ResponseCode.SLAVE_NOT_AVAILABLE, remark: undefined };
    case 'CREATE_MAPPED_FILE_FAILED':
      return { code: ResponseCode.SYSTEM_ERROR, remark: storeRemark ?? 'create mapped file failed, server is busy or broken.' };
    case 'MESSAGE_ILLEGAL':
    case 'PROPERTIES_SIZE_EXCEEDED':
      return {
        code: ResponseCode.MESSAGE_ILLEGAL,
        remark: storeRemark ?? 'the message is illegal, maybe msg body or properties length not matched.',
      };
    case 'SERVICE_NOT_AVAILABLE':
      return {
        code: ResponseCode.SERVICE_NOT_AVAILABLE,
        remark: storeRemark ?? 'service not available now, maybe disk full or the broker is a slave.',
      };
    case 'OS_PAGE_CACHE_BUSY':
      return { code: ResponseCode.SYSTEM_ERROR, remark: storeRemark ?? '[PC_SYNCHRONIZED]broker busy, start flow control for a while' };
    case 'UNKNOWN_ERROR':
      return { code: ResponseCode.SYSTEM_ERROR, remark: storeRemark ?? 'UNKNOWN_ERROR' };
  }
}
