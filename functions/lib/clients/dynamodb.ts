import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ClientCache, clientFor } from './per-config.ts';

/**
 * One client per service, each in its own module so a bundle carries only the SDK it uses.
 * Created on first use and kept for the container's life — one per endpoint configuration
 * (per-config.ts). Endpoints come from the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables
 * (set only by the local stack).
 */
const cache: ClientCache<DynamoDBDocumentClient> = {};
const CONFIG = ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL', 'AWS_REGION'];

export const dynamo = (): DynamoDBDocumentClient =>
  clientFor(cache, CONFIG, () =>
    DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    }),
  );
