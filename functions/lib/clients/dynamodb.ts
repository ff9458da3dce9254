import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { endpointVariables, perConfig } from './per-config.ts';

/**
 * One client per service, each in its own module so a bundle carries only the SDK it uses.
 * Created on first use and kept for the container's life — one per endpoint configuration
 * (per-config.ts). Endpoints come from the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables
 * (set only by the local stack).
 */
export const dynamo = perConfig(endpointVariables('DYNAMODB'), () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  }),
);
