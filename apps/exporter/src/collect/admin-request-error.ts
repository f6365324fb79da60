/** An admin request that reached the server and got a non-SUCCESS reply. */
export class AdminRequestError extends Error {
  override readonly name = 'AdminRequestError';

  constructor(
    readonly request: string,
    readonly address: string,
    readonly responseCode: number,
    remark: string | undefined,
  ) {
    super(`${request} to ${address} answered ${responseCode}${remark ? `: ${remark}` : ''}`);
  }
}
