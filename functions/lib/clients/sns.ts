import { SNSClient } from '@aws-sdk/client-sns';
import { endpointVariables, perConfig } from './per-config.ts';

/**
 * The alert topic's client; locally AWS_ENDPOINT_URL_SNS points at a small endpoint that prints to the
 * console. One client per endpoint configuration (per-config.ts).
 */
export const sns = perConfig(endpointVariables('SNS'), () => new SNSClient({}));
