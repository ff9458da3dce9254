import * as z from 'zod/mini';
import {
  EvaluationInput,
  PILOT_STATUSES,
  PilotInput,
  PilotPatch,
  TransitionInput,
} from '../../domain/pilots/types.ts';
import { api } from '../../routes.ts';
import { PageQuery } from './checklist.ts';

/** What the pilot routes read (runtime: zod/mini; /openapi.json documents these). The bodies live in the domain. */

export const PilotsQuery = z.object({
  status: z.optional(z.enum(PILOT_STATUSES)),
  client: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

export const createPilot = api('createPilot', { body: PilotInput });
export const getPilot = api('getPilot', {});
export const listPilots = api('listPilots', { query: PilotsQuery });
export const updatePilot = api('updatePilot', { ifMatch: true, body: PilotPatch });
export const transitionPilot = api('transitionPilot', { body: TransitionInput });
export const startPilotEvaluation = api('startPilotEvaluation', { body: EvaluationInput });
export const listPilotAudit = api('listPilotAudit', { query: PageQuery });
export const getPilotCharter = api('getPilotCharter', {});
