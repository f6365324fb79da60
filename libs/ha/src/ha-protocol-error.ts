/**
 * A peer broke the HA protocol (garbage, an impossible offset, a frame out of order). The side
 * that sees it closes that one connection and logs `message` as the reason; nothing else stops.
 */
export class HAProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HAProtocolError';
  }
}
