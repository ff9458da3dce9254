import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { s3 } from '../lib/clients/s3.ts';
import { sfn } from '../lib/clients/sfn.ts';
import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { log } from '../lib/log.ts';
import { functions } from '../registry.ts';
import * as schemas from './schemas/tenders.ts';

const env = loadEnv(functions.health.env);

async function check(name: string, probe: () => Promise<unknown>): Promise<{ ok: boolean; ms: number }> {
  const started = performance.now();
  try {
    await probe();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    log.warn('health check failed', { check: name, error });
    return { ok: false, ms: Math.round(performance.now() - started) };
  }
}

/** GET /health (public): 200 when DynamoDB, S3 and the workflows answer, else 503. Names no resources. */
export const handler = httpHandler(schemas.health, async () => {
  const [dynamodb, s3Check, workflows] = await Promise.all([
    check('dynamodb', () => dynamo().send(new DescribeTableCommand({ TableName: env.TABLE_NAME }))),
    check('s3', () => s3().send(new HeadBucketCommand({ Bucket: env.BUCKET_NAME }))),
    check('workflows', () =>
      sfn().send(new DescribeStateMachineCommand({ stateMachineArn: env.TENDER_INTAKE_STATE_MACHINE_ARN })),
    ),
  ]);
  const checks = { dynamodb, s3: s3Check, workflows };
  const ok = Object.values(checks).every((c) => c.ok);
  return json(ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', checks }, { 'cache-control': 'no-store' });
});
