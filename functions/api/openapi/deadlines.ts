import { z } from 'zod';
import { DEADLINE_RISKS, DEADLINE_STATUSES } from '../../domain/deadlines/types.ts';
import type { FunctionName } from '../../registry.ts';
import { type Operation, page, problem } from './parts.ts';

const Deadline = z
  .looseObject({
    id: z.string().describe('<tenderId>.<deadlineId>: use it in /deadlines/{id}/met'),
    deadlineId: z.string(),
    tenderId: z.string().nullable(),
    kind: z.string(),
    title: z.string(),
    dueAt: z.string().describe('UTC instant'),
    allDay: z.boolean(),
    timeZone: z.string().describe("the buyer's IANA zone"),
    source: z
      .object({
        type: z.string(),
        ref: z.string(),
        legalBasis: z.string().optional(),
        citation: z
          .object({
            act: z.string(),
            article: z.string(),
            part: z.string().optional(),
            item: z.string().optional(),
            quote: z
              .string()
              .describe('the decisive sentence, in the original language (with an English gloss)'),
            verified: z.boolean(),
            source: z.string().optional().describe('where the text was read'),
          })
          .optional()
          .describe("a rule's citation: act, article, part, item and the decisive sentence"),
        verified: z
          .boolean()
          .optional()
          .describe(
            'false: the rule was not checked against the current text of the law (a warning says so)',
          ),
      })
      .describe(
        'tender: a published period or milestone (ref e.g. periods.tender.end, contracts[c1].implementation.milestones[m1]); rule, event, checklist, evidence',
      ),
    risk: z.enum(DEADLINE_RISKS),
    status: z
      .enum(DEADLINE_STATUSES)
      .describe(
        'missed: passed while open here (escalated); passed: already past when first scheduled, e.g. an old tender imported (no reminders, no alert); suspended: its period is stopped by a recorded event (a complaint) until the event that resumes it',
      ),
    owners: z.array(z.string()),
    lotId: z.string().nullable(),
    sequence: z.number().int().describe('bumped each time it moves (ICS SEQUENCE)'),
    warnings: z
      .array(z.string())
      .optional()
      .describe('what may make it wrong: a guessed buyer zone, a year with no confirmed working calendar'),
  })
  .meta({ id: 'Deadline', description: 'A supplier-risk deadline in the buyer’s time zone and calendar' });

const Alert = z.looseObject({
  alertId: z.string(),
  kind: z.enum(['reminder', 'missed', 'moved', 'notice']),
  title: z.string(),
  text: z.string(),
  dueAt: z.string(),
  risk: z.string(),
  at: z.string(),
  attempts: z.number().optional().describe('failed delivery attempts so far'),
  supersededBy: z
    .string()
    .optional()
    .describe('a reminder alert not delivered: a later alert of the same deadline (this id) went out first'),
  deliveries: z.record(
    z.string(),
    z.object({
      status: z.enum(['sent', 'failed']),
      at: z.string(),
      reason: z
        .enum(['not-allowed', 'timeout', 'unreachable', 'rejected', 'unavailable'])
        .optional()
        .describe('why a failed delivery failed (coarse on purpose)'),
    }),
  ),
});

const notFound = problem('no such tender in this organisation');
const ics = { 200: { description: 'text/calendar (RFC 5545)' }, 404: notFound };

/** The documentation of the deadline, alert and calendar routes. */
export const deadlineContracts: Partial<Record<FunctionName, Operation>> = {
  recordEvent: {
    summary: 'Record a procurement event; every deadline that depends on it is recomputed',
    requestBody: { description: '{type, at (an instant with an offset), lot?}' },
    responses: {
      201: {
        description: 'recorded; the tender’s deadlines as they are now',
        schema: z.object({ event: z.looseObject({}), deadlines: z.array(Deadline), moved: z.number() }),
      },
      400: problem('bad type, instant or lot'),
      404: notFound,
    },
  },
  listTenderDeadlines: {
    summary: 'Every deadline of a tender, soonest first',
    responses: {
      200: { description: 'the deadlines', schema: z.object({ items: z.array(Deadline) }) },
      404: notFound,
    },
  },
  listDeadlines: {
    summary: 'The organisation’s deadlines, soonest first',
    responses: {
      200: { description: 'one page', schema: page(Deadline) },
    },
  },
  markDeadlineMet: {
    summary: 'Mark a deadline met; its pending reminders are withdrawn',
    responses: {
      200: { description: 'the deadline', schema: Deadline },
      404: problem('no such deadline'),
    },
  },
  listAlerts: {
    summary: 'The alert outbox: every alert, with each channel’s delivery result',
    responses: {
      200: { description: 'one page, newest first', schema: page(Alert) },
    },
  },
  calendar: {
    summary: 'Deadlines as an RFC 5545 calendar (a tender’s, or the organisation’s feed)',
    responses: ics,
  },
};
