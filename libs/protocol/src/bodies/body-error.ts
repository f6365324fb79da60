import { ProtocolError } from '../command/protocol-error';

/** A body did not have the shape its decoder needs; `path` points at the bad value. */
export class BodyError extends ProtocolError {
  override readonly name: string = 'BodyError';

  constructor(
    readonly bodyName: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${bodyName} ${path}: ${problem}`);
  }
}
