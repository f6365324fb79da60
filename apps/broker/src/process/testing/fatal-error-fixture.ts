/**
 * A server process in miniature for fatal-error.process.spec.ts: the broker's logger and the
 * shared fatal handler, then an InvariantViolation thrown from a timer (`thrown`), rejected from a
 * promise nobody awaits (`rejected`, how a store loop lets one through), thrown by a request
 * handler behind a real remoting server (`request`; the port is printed), or a plain error (`plain`).
 * The keep-alive timer stands for the sockets a real server holds open.
 */
import { InvariantViolation } from '@rocketmq-ts/base';
import { exitOnFatalError } from '@rocketmq-ts/config';
import { createLogger } from '@rocketmq-ts/observability';
import { HandlerTable, RemotingServer } from '@rocketmq-ts/remoting';

/** The request code the `request` mode's handler answers (any code the spec also uses). */
const BREAKING_CODE = 9_001;

const logger = createLogger({ name: 'fatal-fixture' });
exitOnFatalError(logger);
setInterval(() => undefined, 60_000);

async function serveBrokenHandler(): Promise<void> {
  const table = new HandlerTable([{ name: 'default', maxInFlight: 16 }]);
  table.register(
    BREAKING_CODE,
    { handle: () => Promise.reject(new InvariantViolation('fixture.handler', 'from a request handler')) },
    'default',
  );
  const server = new RemotingServer({ logger, handlerTable: table });
  const port = await server.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`fixture listening on ${port}\n`);
}

const mode = process.argv[2];
if (mode === 'rejected') void Promise.reject(new InvariantViolation('fixture.rejected-loop', 'from a background loop'));
else if (mode === 'request') void serveBrokenHandler();
else if (mode === 'plain') setImmediate(() => JSON.parse('{'));
else {
  setImmediate(() => {
    throw new InvariantViolation('fixture.thrown', 'from a timer');
  });
}
