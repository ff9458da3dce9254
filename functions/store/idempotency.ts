import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { HttpError } from '../lib/errors.ts';
import type { HttpResponse } from '../lib/http.ts';
import { isConditionFailure } from './rows.ts';
import { keys } from './table-definition.ts';

const TTL_SECONDS = 24 * 60 * 60;

/**
 * `Idempotency-Key` on creating POSTs: the first request claims the key with a conditional put,
 * runs, and stores its response; a repeat with the same body gets the same response, a repeat
 * with another body gets 422, and one that arrives while the first still runs gets 409.
 */
export async function withIdempotency(
  table: string,
  org: string,
  key: string | undefined,
  requestHash: string,
  now: Date,
  work: () => Promise<HttpResponse>,
): Promise<HttpResponse> {
  if (key === undefined) return work();
  if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
    throw new HttpError(400, 'Bad Request', 'invalid Idempotency-Key', {
      errors: [{ path: 'header:Idempotency-Key', message: '1 to 128 visible ASCII characters' }],
    });
  }
  const itemKey = keys.idempotency(org, key);
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table,
        Item: {
          ...itemKey,
          state: 'running',
          requestHash,
          expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const prior = (
      await dynamo().send(new GetCommand({ TableName: table, Key: itemKey, ConsistentRead: true }))
    ).Item;
    if (prior?.requestHash !== requestHash) {
      throw new HttpError(
        422,
        'Unprocessable Content',
        'this Idempotency-Key was used with a different request body',
      );
    }
    if (prior.state !== 'done')
      throw new HttpError(409, 'Conflict', 'a request with this Idempotency-Key is still running');
    return {
      ...(prior.response as HttpResponse),
      headers: { ...(prior.response as HttpResponse).headers, 'idempotent-replayed': 'true' },
    };
  }
  let response: HttpResponse;
  try {
    response = await work();
  } catch (e) {
    await dynamo().send(new DeleteCommand({ TableName: table, Key: itemKey }));
    throw e;
  }
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: itemKey,
      UpdateExpression: 'SET #state = :done, #response = :response',
      ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
      ExpressionAttributeValues: { ':done': 'done', ':response': response },
    }),
  );
  return response;
}
