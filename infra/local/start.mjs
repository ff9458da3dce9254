// `npm start`: the whole system on this machine. TENDERFLOW_DATA (default .tenderflow/) and PORT (default 3000).
//
// This process only keeps the API port: plain JavaScript with only node: imports, it listens within a few
// hundred milliseconds of the command and answers every request with an immediate 503 + Retry-After.
// It spawns DynamoDB Local's JVM (the slowest part), then starts the stack in a child process
// (infra/local/stack-process.mjs: tsx and the rest), whose module loading would block this event loop
// for seconds if it ran here. When the stack is ready, the child takes the listening socket over (never
// closed, so no connection is refused) and serves every request itself. Signals are passed on; this
// process stops DynamoDB Local and exits with the child.
import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { handOver, openApiPort } from './api-port.mjs';
import { dataDirFrom } from './data-dir.mjs';
import { shareDynamo, spawnDynamoLocal } from './dynamodb-process.mjs';
import { freePort } from './free-port.mjs';
import { timingFor } from './timing.mjs';

const timing = timingFor('start');
timing('node started');

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

// DynamoDB Local's JVM is the slowest part of the start: it boots while the stack's process starts.
const dataDir = dataDirFrom(process.env);
mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
const dynamo = spawnDynamoLocal({ dir: join(dataDir, 'dynamodb'), port: await freePort(), quickStart: true });
timing('DynamoDB Local spawned');

const child = fork(new URL('./stack-process.mjs', import.meta.url), [], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TENDERFLOW_API_PORT: String(api.port),
    TENDERFLOW_DYNAMO_PORT: String(dynamo.port),
    TENDERFLOW_DYNAMO_PID: String(dynamo.pid ?? 0),
  },
});
shareDynamo(dynamo, child);
let serving = false;
void handOver(api, child).then(() => {
  serving = true;
  timing('port handed over to the stack');
});
child.once('exit', async (code, signal) => {
  if (!serving) await api.close();
  await dynamo.stop(); // already stopped by the stack, unless it crashed
  process.exit(code ?? (signal ? 1 : 0));
});

// The stack process stops itself (and DynamoDB Local, s3rver) on a signal; this one waits for it.
let stopping = false;
const stop = () => {
  if (stopping || child.exitCode !== null) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
// If whatever started us goes away without a signal reaching us, stop rather than leave Java orphaned.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 1000).unref();
