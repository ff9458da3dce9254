import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS SDK clients, created once per container. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables (set only by the local stack); path-style S3 addressing
 * is configuration (AWS_S3_FORCE_PATH_STYLE=true), never a branch on "local".
 */
const forcePathStyle = process.env.AWS_S3_FORCE_PATH_STYLE === 'true';

let doc: DynamoDBDocumentClient | undefined;
let s3Client: S3Client | undefined;
let sfnClient: SFNClient | undefined;

export const dynamo = (): DynamoDBDocumentClient => {
  doc ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return doc;
};

export const s3 = (): S3Client => {
  s3Client ??= new S3Client({ forcePathStyle });
  return s3Client;
};

export const sfn = (): SFNClient => {
  sfnClient ??= new SFNClient({});
  return sfnClient;
};
