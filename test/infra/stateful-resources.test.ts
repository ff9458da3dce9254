import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { synthesise } from './harness.ts';

/**
 * The stateful stack's resources as CloudFormation identifies them, checked against
 * test/infra/stateful-resources.json: each logical id, its type, and the properties whose change makes
 * CloudFormation REPLACE the resource (a new, empty table; a new user pool without its users; a new
 * distribution with a new URL). Code changes in the areas must never change this list.
 *
 * To change it deliberately (a new stateful resource, a new export, an agreed migration):
 *   UPDATE_STATEFUL_RESOURCES=1 npx vitest run --project infra test/infra/stateful-resources.test.ts
 *   npx biome format --write test/infra/stateful-resources.json
 * then read the diff of the JSON: an added entry is safe; a changed or removed one replaces or deletes
 * live data on the next deploy (RETAIN keeps the old resource, orphaned, but the stacks move to the new,
 * empty one). Commit it with the reason, and the migration, in the commit message.
 */
const listFile = new URL('./stateful-resources.json', import.meta.url);

/** Per type, the properties that force a replacement (CloudFormation resource reference, "Update requires: Replacement"). */
const replacementSensitive: Record<string, readonly string[]> = {
  'AWS::DynamoDB::Table': [
    'TableName',
    'KeySchema',
    'AttributeDefinitions',
    'GlobalSecondaryIndexes',
    'LocalSecondaryIndexes',
  ],
  'AWS::S3::Bucket': ['BucketName', 'ObjectLockEnabled'],
  'AWS::Cognito::UserPool': [
    'UserPoolName',
    'Schema',
    'UsernameAttributes',
    'AliasAttributes',
    'UsernameConfiguration',
  ],
  'AWS::Cognito::UserPoolClient': ['UserPoolId', 'GenerateSecret'],
  'AWS::Cognito::UserPoolDomain': ['UserPoolId', 'Domain'],
  'AWS::Cognito::UserPoolGroup': ['UserPoolId', 'GroupName'],
  'AWS::SNS::Topic': ['TopicName', 'FifoTopic'],
  'AWS::KMS::Key': ['KeySpec', 'KeyUsage', 'MultiRegion'],
};

const resource = z.object({
  Type: z.string(),
  Properties: z.record(z.string(), z.unknown()).optional(),
  DeletionPolicy: z.string().optional(),
});
const output = z.object({ Value: z.unknown(), Export: z.object({ Name: z.string() }).optional() });
const listShape = z.object({
  resources: z.record(
    z.string(),
    z.object({ type: z.string(), deletionPolicy: z.string().optional() }).catchall(z.unknown()),
  ),
  exports: z.record(z.string(), z.unknown()),
});
type StatefulList = z.infer<typeof listShape>;

function currentList(): StatefulList {
  const { stateful, templateOf } = synthesise();
  const template = templateOf(stateful).toJSON();
  const resources: StatefulList['resources'] = {};
  for (const [id, raw] of Object.entries(z.record(z.string(), z.unknown()).parse(template.Resources))) {
    const r = resource.parse(raw);
    const sensitive = Object.fromEntries(
      (replacementSensitive[r.Type] ?? []).flatMap((p) =>
        r.Properties?.[p] === undefined ? [] : [[p, r.Properties[p]]],
      ),
    );
    resources[id] = {
      type: r.Type,
      ...(r.DeletionPolicy ? { deletionPolicy: r.DeletionPolicy } : {}),
      ...sensitive,
    };
  }
  const exports: StatefulList['exports'] = {};
  for (const raw of Object.values(z.record(z.string(), z.unknown()).parse(template.Outputs))) {
    const o = output.parse(raw);
    if (o.Export) exports[o.Export.Name] = o.Value;
  }
  return { resources, exports };
}

describe('the stateful stack, against test/infra/stateful-resources.json', () => {
  const current = currentList();
  if (process.env.UPDATE_STATEFUL_RESOURCES === '1') {
    writeFileSync(listFile, `${JSON.stringify(current, null, 2)}\n`);
  }
  const checkedIn = listShape.parse(JSON.parse(readFileSync(listFile, 'utf8')));
  const how =
    'a stateful resource would be replaced or removed: if that is deliberate, see the top of test/infra/stateful-resources.test.ts';

  it('has the same logical ids, types, retention and replacement-sensitive properties', () => {
    expect(current.resources, how).toEqual(checkedIn.resources);
  });

  it('keeps every export, with the same value (stateless stacks import them by name)', () => {
    expect(current.exports, how).toEqual(checkedIn.exports);
  });

  it('retains the data: the table, the documents bucket, the user pool and the access logs', () => {
    const retained = Object.entries(checkedIn.resources)
      .filter(([, r]) => r.deletionPolicy === 'Retain')
      .map(([, r]) => r.type);
    expect(retained).toEqual(
      expect.arrayContaining(['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Cognito::UserPool']),
    );
  });
});
