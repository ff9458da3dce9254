import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../../infra/local/stack.ts';

export interface ProvidedStack {
  apiUrl: string;
  sfnUrl: string;
  dataDir: string;
  env: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localStack: ProvidedStack;
  }
}

/** Start DynamoDB Local, s3rver, the workflow engine and the gateway once per run, on free ports. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-it-'));
  const stack = await startLocalStack({ dataDir, port: 0, sweepEveryMs: 0, quiet: true });
  project.provide('localStack', { apiUrl: stack.apiUrl, sfnUrl: stack.sfnUrl, dataDir, env: stack.env });
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
