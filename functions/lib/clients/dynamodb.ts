import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One client per service, each in its own module so a bundle carries only the SDK it uses.
 * Created on first use and kept for the container's life. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables (set only by the local stack).
 */
let doc: DynamoDBDocumentClient | undefined;

export const dynamo = (): DynamoDBDocumentClient => {
  doc ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return doc;
};
