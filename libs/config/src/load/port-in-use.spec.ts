import { createServer } from 'node:net';

import { describe, expect, it } from 'vitest';

import { describeBindFailure } from './port-in-use';

/** The error Node gives for a port another socket holds. */
async function bindError(): Promise<unknown> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  const second = createServer();
  try {
    return await new Promise((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
  } finally {
    holder.close();
  }
}

describe('Config > a port already in use', () => {
  it('names the key that set the port, why it had that value, and what to change', async () => {
    const error = (await bindError()) as { port: number };
    const message = describeBindFailure(error, [
      { key: 'listenPort', port: error.port + 31 },
      { key: 'httpPort', port: error.port, derivedFrom: 'listenPort - 31', ephemeralAllowed: true },
    ]);
    expect(message).toBe(
      `httpPort: 127.0.0.1:${error.port} is already in use (listenPort - 31, the default); set httpPort to a free port, or 0 for any free port`,
    );
    expect(describeBindFailure(error, [{ key: 'listenPort', port: error.port }])).toBe(
      `listenPort: 127.0.0.1:${error.port} is already in use; set listenPort to a free port`,
    );
  });

  it('leaves other errors and unknown ports alone', async () => {
    const error = (await bindError()) as { port: number };
    expect(describeBindFailure(error, [{ key: 'listenPort', port: error.port + 1 }])).toBeUndefined();
    expect(describeBindFailure(new Error('boom'), [{ key: 'listenPort', port: 1 }])).toBeUndefined();
  });
});
