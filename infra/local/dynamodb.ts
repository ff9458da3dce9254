import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../functions/store/table-definition.ts';
import { type DynamoProcess, spawnDynamoLocal } from './dynamodb-process.mjs';

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

/** DynamoDB Local needs Java 17 or newer on the PATH (checked when it failed to start, to say why). */
export function checkJava(): void {
  const res = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const text = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  const major = Number(/version "(\d+)/.exec(text)?.[1] ?? Number.NaN);
  if (res.error || !(major >= 17)) {
    throw new JavaMissingError(
      res.error
        ? 'DynamoDB Local needs Java 17 or newer, and `java` was not found. Install it, e.g. `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS), then run again.'
        : `DynamoDB Local needs Java 17 or newer; found: ${text.split('\n')[0]}. Install a newer JRE (e.g. openjdk-17-jre-headless).`,
    );
  }
}

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Start Amazon DynamoDB Local (persisting under `dir`, or in memory when `dir` is null) and create the
 * table from the one definition. `process`: one already spawned (`npm start` spawns it first thing, see
 * infra/local/start.mjs), else it is spawned here (`quickStart`: the JVM flags for a quick boot).
 */
export async function startDynamo(opts: {
  dir: string | null;
  port: number;
  tableName: string;
  process?: DynamoProcess;
  quickStart?: boolean;
  timing?: (step: string) => void;
}): Promise<LocalDynamo> {
  if (opts.dir !== null) mkdirSync(opts.dir, { recursive: true });
  const proc =
    opts.process ?? spawnDynamoLocal({ dir: opts.dir, port: opts.port, quickStart: opts.quickStart });
  try {
    await answering(proc);
    opts.timing?.('DynamoDB Local answers');
    const client = new DynamoDBClient({
      endpoint: proc.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await createTable(client, opts.tableName);
    } finally {
      client.destroy();
    }
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { endpoint: proc.endpoint, stop: () => proc.stop() };
}

/**
 * Resolves once DynamoDB Local answers HTTP at all (polled every 50 ms; any answer will do, no SDK
 * needed); fails at once when the process is gone — with JavaMissingError when Java is the reason.
 */
async function answering(proc: DynamoProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const failed = proc.failure();
    if (failed !== undefined) {
      checkJava(); // only now: `java -version` is a JVM start of its own, too slow for every start
      throw new Error(`DynamoDB Local did not start: ${failed}`);
    }
    try {
      await fetch(proc.endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' },
        body: '{}',
        signal: AbortSignal.timeout(2000),
      }).then((r) => r.arrayBuffer());
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(
    `DynamoDB Local did not become ready within ${timeoutMs} ms: ${last instanceof Error ? last.message : String(last)}`,
  );
}

export async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const d = tableDefinition;
  const attributes = new Set<string>([
    d.partitionKey,
    d.sortKey,
    ...d.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
  ]);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: d.partitionKey, KeyType: 'HASH' },
          { AttributeName: d.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: d.globalSecondaryIndexes.map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: d.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
