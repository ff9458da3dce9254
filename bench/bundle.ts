import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../infra/bundling.ts';
import { projectRoot } from '../infra/local/stack.ts';

const options = { ...esbuildOptions, metafile: true, logLevel: 'error' } as const;

export interface Bundle {
  file: string;
  bytes: number;
  /** AWS SDK client packages that ended up in the bundle */
  sdkClients: string[];
}

const SDK_CLIENT = /node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//;

const clientsIn = (meta: Metafile): string[] =>
  [...new Set(Object.keys(meta.inputs).flatMap((p) => SDK_CLIENT.exec(p)?.[1] ?? []))].sort();

export async function bundleEntry(entry: string, outDir: string, name: string): Promise<Bundle> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}.mjs`);
  const res = await build({ ...options, entryPoints: [join(projectRoot, entry)], outfile });
  const bytes = Object.entries(res.metafile.outputs).find(([p]) => p.endsWith('.mjs'))?.[1].bytes ?? 0;
  return { file: outfile, bytes, sdkClients: clientsIn(res.metafile) };
}

const CLIENT_CODE: Record<string, string> = {
  'client-dynamodb':
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; globalThis.__c.push(DynamoDBDocumentClient.from(new DynamoDBClient({})));",
  'client-s3': "import { S3Client } from '@aws-sdk/client-s3'; globalThis.__c.push(new S3Client({}));",
  'client-sfn': "import { SFNClient } from '@aws-sdk/client-sfn'; globalThis.__c.push(new SFNClient({}));",
  'client-sns': "import { SNSClient } from '@aws-sdk/client-sns'; globalThis.__c.push(new SNSClient({}));",
};

/** The floor for a handler: a bundle that only creates the same AWS SDK clients (DESIGN.md §8). */
export async function bundleFloor(clients: string[], outDir: string, name: string): Promise<Bundle> {
  const src = join(outDir, `${name}.floor-src.mjs`);
  writeFileSync(src, ['globalThis.__c = [];', ...clients.map((c) => CLIENT_CODE[c] ?? '')].join('\n'));
  const outfile = join(outDir, `${name}.floor.mjs`);
  const res = await build({
    ...options,
    entryPoints: [src],
    outfile,
    nodePaths: [join(projectRoot, 'node_modules')],
  });
  const bytes = Object.entries(res.metafile.outputs).find(([p]) => p.endsWith('.mjs'))?.[1].bytes ?? 0;
  return { file: outfile, bytes, sdkClients: clients };
}
