import { createServer, type Server } from 'node:http';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../../functions/lib/clients/dynamodb.ts';
import { s3 } from '../../../functions/lib/clients/s3.ts';
import { sfn } from '../../../functions/lib/clients/sfn.ts';
import { sns } from '../../../functions/lib/clients/sns.ts';

/** A stand-in endpoint that records each request and refuses it (400: the SDK does not retry). */
function endpoint() {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(String(req.headers['x-amz-target'] ?? req.url));
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: 'stand-in' }));
  });
  return { server, hits, url: '' };
}
type Endpoint = ReturnType<typeof endpoint>;

const listen = (e: Endpoint) =>
  new Promise<void>((ok) =>
    e.server.listen(0, '127.0.0.1', () => {
      const a = e.server.address();
      e.url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
      ok();
    }),
  );
const close = (s: Server) => new Promise((ok) => s.close(ok));

const VARS = [
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_SFN',
  'AWS_ENDPOINT_URL_SNS',
  'AWS_S3_FORCE_PATH_STYLE',
];
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));

/** Point the environment at one local stack, as infra/local/stack.ts does. */
function useStack(e: Endpoint) {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: e.url,
    AWS_ENDPOINT_URL_S3: `${e.url}/s3`,
    AWS_ENDPOINT_URL_SFN: `${e.url}/sfn`,
    AWS_ENDPOINT_URL_SNS: `${e.url}/sns`,
    AWS_S3_FORCE_PATH_STYLE: 'true',
  });
  delete process.env.AWS_ENDPOINT_URL;
}

describe('SDK clients per endpoint configuration (two local stacks in one process)', () => {
  const a = endpoint();
  const b = endpoint();
  beforeAll(async () => {
    await Promise.all([listen(a), listen(b)]);
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    await Promise.all([close(a.server), close(b.server)]);
  });

  it('each configuration reaches its own endpoint; the same configuration answers the same client', async () => {
    useStack(a);
    const first = { dynamo: dynamo(), s3: s3(), sfn: sfn(), sns: sns() };
    await expect(first.dynamo.send(new ListTablesCommand({}))).rejects.toThrow(/stand-in/);
    expect(a.hits).toEqual(['DynamoDB_20120810.ListTables']);
    expect(await first.s3.config.serviceConfiguredEndpoint?.()).toBe(`${a.url}/s3`);
    expect(await first.sfn.config.serviceConfiguredEndpoint?.()).toBe(`${a.url}/sfn`);
    expect(await first.sns.config.serviceConfiguredEndpoint?.()).toBe(`${a.url}/sns`);
    expect(dynamo()).toBe(first.dynamo);
    expect(s3()).toBe(first.s3);

    useStack(b);
    const second = { dynamo: dynamo(), s3: s3(), sfn: sfn(), sns: sns() };
    expect(second.dynamo).not.toBe(first.dynamo);
    await expect(second.dynamo.send(new ListTablesCommand({}))).rejects.toThrow(/stand-in/);
    expect(b.hits).toEqual(['DynamoDB_20120810.ListTables']);
    expect(a.hits).toHaveLength(1);
    expect(await second.s3.config.serviceConfiguredEndpoint?.()).toBe(`${b.url}/s3`);
    expect(await second.sfn.config.serviceConfiguredEndpoint?.()).toBe(`${b.url}/sfn`);
    expect(await second.sns.config.serviceConfiguredEndpoint?.()).toBe(`${b.url}/sns`);

    // back to the first stack: its clients again, not new ones
    useStack(a);
    expect(dynamo()).toBe(first.dynamo);
    expect(s3()).toBe(first.s3);
    expect(sfn()).toBe(first.sfn);
    expect(sns()).toBe(first.sns);
  });

  it('a region change is a new configuration too', () => {
    useStack(a);
    const east = s3();
    process.env.AWS_REGION = 'eu-west-1';
    expect(s3()).not.toBe(east);
    process.env.AWS_REGION = 'us-east-1';
    expect(s3()).toBe(east);
  });
});
