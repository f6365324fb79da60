import { ProtocolError } from '../command/protocol-error';

/**
 * A custom header could not be read from extFields: a required field is missing or a value does
 * not parse as its declared type. Handlers usually answer it with SYSTEM_ERROR or
 * INVALID_PARAMETER rather than closing the connection, so it names the header and the field.
 */
export class HeaderError extends ProtocolError {
  override readonly name: string = 'HeaderError';

  constructor(
    readonly headerName: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${headerName}.${field}: ${problem}`);
  }
}
