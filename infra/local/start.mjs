// `npm start`: the whole system on this machine. TENDERFLOW_DATA (default .tenderflow/) and PORT (default 3000).
//
// Plain JavaScript with only node: imports until the API port is open, so it opens within a few hundred
// milliseconds of the command, and from then on every request gets an immediate 503 + Retry-After until
// the stack is ready. DynamoDB Local's JVM (the slowest part) is spawned next, then tsx and the stack
// (infra/local/main.ts) load while it boots. TENDERFLOW_TIMING=1 prints each step's time since the start.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApiPort } from './api-port.mjs';
import { dataDirFrom } from './data-dir.mjs';
import { freePort } from './free-port.mjs';

const timing = process.env.TENDERFLOW_TIMING
  ? (/** @type {string} */ step) =>
      console.error(`[start] ${step.padEnd(32)} ${Math.round(performance.now())} ms`)
  : () => undefined;
timing('node started');

const dataDir = dataDirFrom(process.env);
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}

/** @type {import('./api-port.mjs').ApiPort} */
let api;
try {
  api = await openApiPort(port);
} catch (error) {
  if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE') {
    console.error(`port ${port} is already in use: stop what uses it, or start with PORT=<another port>`);
    process.exit(1);
  }
  throw error;
}
timing('API port open (answers 503)');

// Until the stack has started, stopping means the port and the JVM; then the stack's own stop.
const { spawnDynamoLocal } = await import('./dynamodb-process.mjs');
mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
const dynamo = spawnDynamoLocal({ dir: join(dataDir, 'dynamodb'), port: await freePort(), quickStart: true });
timing('DynamoDB Local spawned');
let stopAll = async () => {
  await dynamo.stop();
  await api.close();
};
let stopping = false;
const stop = async (/** @type {string} */ reason) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${reason}: stopping the local stack…`);
  await stopAll().catch((e) => console.error(e));
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));
// If whatever started us goes away without a signal reaching us, stop rather than leave Java orphaned.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop('parent process exited');
}, 1000).unref();

try {
  const { register } = await import('tsx/esm/api');
  register();
  timing('tsx registered');
  /** @type {{ main: (boot: unknown) => Promise<() => Promise<void>> }} */
  const { main } = await import('./main.ts');
  timing('stack modules loaded');
  stopAll = await main({ api, dataDir, dynamo, timing });
} catch (error) {
  await stopAll().catch(() => undefined);
  throw error;
}
