import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { type WorkflowName, workflowNames, workflows } from '../../workflows/registry.ts';
import { readJsonOrSetAside, type Warn, writeFileAtomic, writeJsonAtomic } from './state-file.ts';

export type TaskHandler = (payload: unknown) => Promise<unknown>;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** What the local engine keeps of each execution (a JSON file per execution in the data folder). */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  /** states entered plus retries: what Step Functions bills as state transitions */
  stateTransitions: number;
  retries: number;
}

export const localArn = {
  account: '000000000000',
  region: 'us-east-1',
  stateMachine: (name: string) => `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`,
  execution: (sm: string, name: string) => `arn:aws:states:us-east-1:000000000000:execution:${sm}:${name}`,
  lambda: (fn: string) => `arn:aws:lambda:us-east-1:000000000000:function:tenderflow-${fn}`,
};

export class ExecutionAlreadyExists extends Error {
  override name = 'ExecutionAlreadyExists';
}
export class ExecutionDoesNotExist extends Error {
  override name = 'ExecutionDoesNotExist';
}
export class StateMachineDoesNotExist extends Error {
  override name = 'StateMachineDoesNotExist';
}

type Json = Record<string, unknown>;

/**
 * Validating the definitions (asl-validator, in the StateMachine constructor) takes seconds on a busy
 * machine, at every start; a definition is the same text most times. The SHA-256 of each validated
 * definition (with the engine's version) is kept in the OS temp folder (not node_modules/.cache: a new
 * folder there makes npm distrust its hidden lockfile, and every `npx tenderflow` then reads the whole
 * tree): a changed ASL file or a new engine version is validated again.
 */
function loadValidated(file: string): Set<string> {
  try {
    const hashes: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return new Set(Array.isArray(hashes) ? hashes.filter((h): h is string => typeof h === 'string') : []);
  } catch {
    return new Set();
  }
}

function saveValidated(file: string, hashes: Set<string>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify([...hashes].slice(-200)));
  } catch {
    // only a cache: the next start validates again
  }
}

function aslEngineVersion(root: string): string {
  try {
    const pkg = join(root, 'node_modules', 'aws-local-stepfunctions', 'package.json');
    return `aws-local-stepfunctions@${(JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version}`;
  } catch {
    return 'aws-local-stepfunctions';
  }
}

/** Task state names of a definition, nested Map/Parallel states included. */
function taskStates(states: Json, out: string[] = []): string[] {
  for (const [name, s] of Object.entries(states) as [string, Json][]) {
    if (s.Type === 'Task') out.push(name);
    for (const inner of [s.Iterator, s.ItemProcessor] as (Json | undefined)[])
      if (inner?.States) taskStates(inner.States as Json, out);
    for (const b of (s.Branches as Json[] | undefined) ?? []) taskStates(b.States as Json, out);
  }
  return out;
}

const STATUSES = new Set<string>(['RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED']);

/** A record as this engine writes it: anything else in the executions folder is damaged. */
const isExecutionRecord = (v: unknown): v is ExecutionRecord => {
  const r = v as Partial<ExecutionRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.executionArn === 'string' &&
    typeof r.stateMachineArn === 'string' &&
    typeof r.name === 'string' &&
    typeof r.status === 'string' &&
    STATUSES.has(r.status) &&
    typeof r.input === 'string' &&
    typeof r.startDate === 'string'
  );
};

export interface LocalWorkflowEngineOptions {
  root: string;
  dataDir: string;
  handlers: (fn: string) => TaskHandler;
  /** where a damaged execution record is reported (default: console.warn) */
  warn?: Warn;
  /**
   * Wait this long before every retry instead of the definition's IntervalSeconds/BackoffRate (tests that
   * retry many times; the retry count and which errors are retried stay the definition's).
   */
  retryIntervalMs?: number;
  /**
   * TimeoutSeconds for these Task states (by name, nested ones included), in place of the definition's
   * (tests that need a task to time out while it works; the engine enforces TimeoutSeconds as Step
   * Functions does: the state fails with States.Timeout and the task's own work is not stopped).
   */
  taskTimeoutSeconds?: Record<string, number>;
}

/** Set TimeoutSeconds on the named Task states, nested Map/Parallel states included. */
function withTimeouts(states: Json, timeouts: Record<string, number>): void {
  for (const [name, s] of Object.entries(states) as [string, Json][]) {
    if (s.Type === 'Task' && timeouts[name] !== undefined) {
      s.TimeoutSeconds = timeouts[name];
      delete s.TimeoutSecondsPath;
    }
    for (const inner of [s.Iterator, s.ItemProcessor] as (Json | undefined)[])
      if (inner?.States) withTimeouts(inner.States as Json, timeouts);
    for (const b of (s.Branches as Json[] | undefined) ?? []) withTimeouts(b.States as Json, timeouts);
  }
}

/**
 * The same ASL files as in AWS, run by aws-local-stepfunctions. Each `${Placeholder}` becomes a
 * local Lambda ARN, and each Task state calling it runs the registry's handler in-process, with the
 * lambda:invoke result shape ({ Payload, StatusCode }) and Lambda's error shape on failure.
 */
export class LocalWorkflowEngine {
  private readonly machines = new Map<
    string,
    { name: WorkflowName; definition: StateMachineDefinition; machine: StateMachine }
  >();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly running = new Set<Promise<void>>();
  private readonly aborts = new Set<() => void>();
  private readonly dir: string;
  private readonly retryIntervalMs?: number;
  private killed = false;

  constructor(opts: LocalWorkflowEngineOptions) {
    this.dir = join(opts.dataDir, 'executions');
    this.retryIntervalMs = opts.retryIntervalMs;
    mkdirSync(this.dir, { recursive: true });
    const cacheFile = join(tmpdir(), 'tenderflow-cache', 'asl-validated.json');
    const validated = loadValidated(cacheFile);
    const validator = aslEngineVersion(opts.root);
    for (const name of workflowNames) {
      const spec = workflows[name];
      let text = readFileSync(join(opts.root, spec.file), 'utf8');
      for (const [placeholder, fn] of Object.entries(spec.substitutions))
        text = text.replaceAll(`\${${placeholder}}`, localArn.lambda(fn));
      const definition = JSON.parse(text) as StateMachineDefinition;
      if (opts.taskTimeoutSeconds)
        withTimeouts(definition.States as unknown as Json, opts.taskTimeoutSeconds);
      const hash = createHash('sha256').update(validator).update(text).digest('hex');
      const known = validated.has(hash);
      // validates the definition (asl-validator) unless this very text was validated before
      const machine = new StateMachine(definition, known ? { validationOptions: { noValidate: true } } : {});
      if (!known) validated.add(hash);
      this.machines.set(localArn.stateMachine(name), { name, definition, machine });
    }
    saveValidated(cacheFile, validated);
    this.bindTasks = (definition) =>
      Object.fromEntries(
        taskStates(definition.States as unknown as Json).map((state) => [
          state,
          async (input: unknown) => {
            const { FunctionName, Payload } = (input ?? {}) as { FunctionName?: string; Payload?: unknown };
            const fn = typeof FunctionName === 'string' ? FunctionName.replace(localArn.lambda(''), '') : '';
            try {
              const result = await opts.handlers(fn)(Payload);
              return { ExecutedVersion: '$LATEST', Payload: result ?? null, StatusCode: 200 } as never;
            } catch (error) {
              throw asLambdaError(error);
            }
          },
        ]),
      );
    // a torn or foreign record is set aside (<name>.json.damaged) with a warning: never a failed start
    for (const file of readdirSync(this.dir).filter((f) => f.endsWith('.json'))) {
      const record = readJsonOrSetAside(join(this.dir, file), isExecutionRecord, opts.warn);
      if (record) this.executions.set(record.executionArn, record);
    }
  }

  private readonly bindTasks: (
    definition: StateMachineDefinition,
  ) => Record<string, (input: unknown) => Promise<never>>;

  /** Executions left RUNNING by a crash or a stop are run again from their input (tasks are idempotent). */
  resumeInterrupted(): number {
    const interrupted = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    for (const e of interrupted) this.run(e);
    return interrupted.length;
  }

  describeStateMachine(arn: string) {
    const m = this.machines.get(arn);
    if (!m) throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${arn}'`);
    return {
      stateMachineArn: arn,
      name: m.name,
      status: 'ACTIVE',
      definition: JSON.stringify(m.definition),
      type: 'STANDARD',
    };
  }

  start(stateMachineArn: string, name: string, input: string): ExecutionRecord {
    const m = this.machines.get(stateMachineArn);
    if (!m) throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${stateMachineArn}'`);
    const executionArn = localArn.execution(m.name, name);
    if (this.executions.has(executionArn))
      throw new ExecutionAlreadyExists(`Execution Already Exists: '${executionArn}'`);
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name,
      status: 'RUNNING',
      input,
      startDate: new Date().toISOString(),
      stateTransitions: 0,
      retries: 0,
    };
    this.save(record);
    this.run(record);
    return record;
  }

  describe(executionArn: string): ExecutionRecord {
    const e = this.executions.get(executionArn);
    if (!e) throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${executionArn}'`);
    return e;
  }

  list(stateMachineArn?: string): ExecutionRecord[] {
    return [...this.executions.values()]
      .filter((e) => !stateMachineArn || e.stateMachineArn === stateMachineArn)
      .sort((a, b) => b.startDate.localeCompare(a.startDate));
  }

  /**
   * Simulate `kill -9` of the process that runs this engine (fault injection for tests): every running
   * execution stops where it is, and its record stays as last written (RUNNING). Another engine on the
   * same data folder resumes them (resumeInterrupted), as `npm start` does after a crash. This engine
   * runs nothing more.
   */
  kill(): void {
    this.killed = true;
    for (const abort of this.aborts) abort();
  }

  /** Resolves when no execution is running (used on shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private run(record: ExecutionRecord): void {
    const m = this.machines.get(record.stateMachineArn);
    if (!m || this.killed) return;
    record.stateTransitions = 0;
    record.retries = 0;
    const tasks = this.bindTasks(m.definition);
    const retryIntervalOverrides =
      this.retryIntervalMs === undefined
        ? undefined
        : Object.fromEntries(Object.keys(tasks).map((state) => [state, this.retryIntervalMs as number]));
    const execution = m.machine.run(JSON.parse(record.input), {
      overrides: { taskResourceLocalHandlers: tasks, retryIntervalOverrides },
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          Input: JSON.parse(record.input),
          StartTime: record.startDate,
        },
      },
    } as never);
    const counting = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered') record.stateTransitions += 1;
        if (event.type === 'StateRetried') {
          record.retries += 1;
          record.stateTransitions += 1; // Step Functions bills each retry as a transition
        }
      }
    })();
    this.aborts.add(execution.abort);
    // killed: the process is gone, nothing more is recorded (the record stays RUNNING, here and on disk)
    const done = execution.result
      .then((output) => {
        if (!this.killed) Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(output) });
      })
      .catch((error: unknown) => {
        if (this.killed) return;
        const cause = (error as { cause?: { name?: string; message?: string; cause?: unknown } }).cause;
        Object.assign(record, {
          status: 'FAILED',
          error: cause?.name ?? (error instanceof Error ? error.name : 'States.Runtime'),
          cause: typeof cause?.cause === 'string' ? cause.cause : (cause?.message ?? String(error)),
        });
      })
      .then(() => counting.catch(() => undefined))
      .then(() => {
        if (this.killed) return;
        record.stopDate = new Date().toISOString();
        this.save(record);
      });
    this.running.add(done);
    void done.finally(() => {
      this.running.delete(done);
      this.aborts.delete(execution.abort);
    });
  }

  private save(record: ExecutionRecord): void {
    this.executions.set(record.executionArn, record);
    // temp file, fsync, rename: a kill at any instant leaves the old record or the new, never half
    writeJsonAtomic(join(this.dir, `${record.name}.json`), record);
  }
}

/** Lambda reports a thrown error as { errorType, errorMessage, trace }; Step Functions names it by errorType. */
function asLambdaError(error: unknown): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  const wrapped = new Error(
    JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: (e.stack ?? '').split('\n') }),
  );
  wrapped.name = e.name;
  return wrapped;
}
