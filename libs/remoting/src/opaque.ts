// Opaques are unique per process, not per connection (docs/remoting-protocol.md#codes-and-versions): server-initiated
// and client requests share this counter. It wraps before 2^31 so it stays a positive Java int.
const MAX_OPAQUE = 0x7fff_fff0;
let lastOpaque = 0;

/** The next request id for this process: 1, 2, 3 … wrapping back to 1. */
export function nextOpaque(): number {
  lastOpaque = lastOpaque >= MAX_OPAQUE ? 1 : lastOpaque + 1;
  return lastOpaque;
}
