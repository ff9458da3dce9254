import { SFNClient } from '@aws-sdk/client-sfn';
import { type ClientCache, clientFor } from './per-config.ts';

/** One client per endpoint configuration (per-config.ts). */
const cache: ClientCache<SFNClient> = {};
const CONFIG = ['AWS_ENDPOINT_URL_SFN', 'AWS_ENDPOINT_URL', 'AWS_REGION'];

export const sfn = (): SFNClient => clientFor(cache, CONFIG, () => new SFNClient({}));
