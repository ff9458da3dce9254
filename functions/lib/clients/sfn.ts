import { SFNClient } from '@aws-sdk/client-sfn';

let client: SFNClient | undefined;

export const sfn = (): SFNClient => {
  client ??= new SFNClient({});
  return client;
};
