import * as z from 'zod/mini';
import { DEADLINE_RISKS, ProcurementEventInput } from '../../domain/deadlines/types.ts';
import { api } from '../../routes.ts';

/** What the deadline, alert and calendar routes read (runtime: zod/mini; /openapi.json documents these). */
export const DeadlinesQuery = z.object({
  before: z.optional(z.iso.datetime({ offset: true })),
  risk: z.optional(z.enum(DEADLINE_RISKS)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 100),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

export const AlertsQuery = z.object({
  tender: z.optional(z.string().check(z.minLength(1))),
  since: z.optional(z.iso.datetime({ offset: true })),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

export const recordEvent = api('recordEvent', { body: ProcurementEventInput });
export const listTenderDeadlines = api('listTenderDeadlines', {});
export const listDeadlines = api('listDeadlines', { query: DeadlinesQuery });
export const markDeadlineMet = api('markDeadlineMet', {});
export const listAlerts = api('listAlerts', { query: AlertsQuery });
export const calendar = api('calendar', {});
