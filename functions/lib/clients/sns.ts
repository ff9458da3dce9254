import { SNSClient } from '@aws-sdk/client-sns';

let client: SNSClient | undefined;

/** The alert topic's client; locally AWS_ENDPOINT_URL_SNS points at a small endpoint that prints to the console. */
export const sns = (): SNSClient => {
  client ??= new SNSClient({});
  return client;
};
