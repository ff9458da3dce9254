import { SFNClient } from '@aws-sdk/client-sfn';
import { endpointVariables, perConfig } from './per-config.ts';

/** One client per endpoint configuration (per-config.ts). */
export const sfn = perConfig(endpointVariables('SFN'), () => new SFNClient({}));
