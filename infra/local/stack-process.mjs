// The local stack's process, forked by `npm start` (infra/local/start.mjs), which keeps answering 503 on
// the API port meanwhile and has already spawned DynamoDB Local's JVM. tsx and the stack
// (infra/local/main.ts) load while the JVM boots; at ready the parent hands the API port over.
import { readFileSync } from 'node:fs';
import { adoptApiPort } from './api-port.mjs';
import { dataDirFrom } from './data-dir.mjs';
import { sharedDynamo } from './dynamodb-process.mjs';
import { timingFor } from './timing.mjs';

const timing = timingFor('stack');
timing('stack process started');
const dataDir = dataDirFrom(process.env);
const api = adoptApiPort(Number(process.env.TENDERFLOW_API_PORT));

// spawned by the parent, which owns it (and stops it if this process dies)
const dynamo = sharedDynamo(
  Number(process.env.TENDERFLOW_DYNAMO_PORT),
  Number(process.env.TENDERFLOW_DYNAMO_PID),
);

// Until the stack has started, stopping means the JVM (asking the parent); then the stack's own stop.
let stopAll = () => dynamo.stop();
let stopping = false;
const stop = async (/** @type {string} */ reason) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${reason}: stopping the local stack…`);
  await stopAll().catch((e) => console.error(e));
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));
// the parent (npm start's own process) is gone without passing a signal on
process.on('disconnect', () => void stop('npm start exited'));

/** CPU time this process and the JVM have used (the start is CPU-bound on a busy machine). */
function cpuSpent() {
  const { user, system } = process.cpuUsage();
  let java = 'n/a';
  try {
    // /proc/<pid>/stat fields 14 and 15: utime and stime in clock ticks (100 a second on Linux)
    const fields = readFileSync(`/proc/${dynamo.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    java = `${(Number(fields[11]) + Number(fields[12])) * 10} ms`;
  } catch {}
  return `stack process ${Math.round((user + system) / 1000)} ms, DynamoDB Local ${java}`;
}

try {
  const { register } = await import('tsx/esm/api');
  register();
  timing('tsx registered');
  /** @type {{ main: (boot: unknown) => Promise<() => Promise<void>> }} */
  const { main } = await import('./main.ts');
  timing('stack modules loaded');
  stopAll = await main({ api, dataDir, dynamo, timing });
  if (process.env.TENDERFLOW_TIMING) timing(`CPU so far: ${cpuSpent()}`);
} catch (error) {
  await stopAll().catch(() => undefined);
  throw error;
}
