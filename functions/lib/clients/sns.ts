import { SNSClient } from '@aws-sdk/client-sns';
import { type ClientCache, clientFor } from './per-config.ts';

/**
 * The alert topic's client; locally AWS_ENDPOINT_URL_SNS points at a small endpoint that prints to the
 * console. One client per endpoint configuration (per-config.ts).
 */
const cache: ClientCache<SNSClient> = {};
const CONFIG = ['AWS_ENDPOINT_URL_SNS', 'AWS_ENDPOINT_URL', 'AWS_REGION'];

export const sns = (): SNSClient => clientFor(cache, CONFIG, () => new SNSClient({}));
