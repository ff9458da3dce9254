import { z } from 'zod';
import { BidPolicySchema } from '../../domain/bid-decision.ts';
import { CATEGORIES, ITEM_STATUSES, OBLIGATIONS } from '../../domain/checklist/types.ts';
import { EconomicsSetting } from '../../domain/custom-dev/economics.ts';
import { OfficialCalendarSchema } from '../../domain/deadlines/official-calendar.ts';
import { PilotPolicySchema } from '../../domain/pilots/types.ts';
import { ReminderPlanSchema } from '../../domain/reminders/plan.ts';
import type { FunctionName } from '../../registry.ts';
import { WebhookSetting } from '../schemas/checklist.ts';
import { type Operation, page, problem } from './parts.ts';

z.globalRegistry.add(WebhookSetting.shape.url, {
  description:
    'https URL of a Slack or Teams incoming webhook (or of a host in allowHosts), at most 2048 characters',
});
z.globalRegistry.add(WebhookSetting.shape.allowHosts, {
  description:
    'more hosts that may receive alerts: chat.example.com, or a wildcard below a registrable domain such as *.hooks.example.com (never over a public suffix of the Public Suffix List, such as *.co.uk or *.s3.amazonaws.com, nor over a whole registrable domain such as *.amazonaws.com)',
});

const ChecklistItem = z
  .looseObject({
    itemId: z.string(),
    key: z.string().describe('<criterionId>/<groupId>/<requirementId>'),
    criterionId: z.string(),
    groupId: z.string(),
    requirementId: z.string(),
    title: z.record(z.string(), z.string()).describe('per language'),
    classification: z
      .object({ scheme: z.string().nullable(), id: z.string() })
      .nullable()
      .describe('e.g. { scheme: ESPD211, id: CRITERION.EXCLUSION.CONVICTIONS.FRAUD }'),
    codes: z
      .array(z.object({ scheme: z.string(), id: z.string() }))
      .optional()
      .describe(
        'every code the requirement is known by, to match it to the same requirement in another tender (an EU exclusion ground: eforms-exclusion-ground as published and current, ESPD211)',
      ),
    dataType: z.string().nullable(),
    category: z.enum(CATEGORIES),
    obligation: z.enum(OBLIGATIONS),
    lotIds: z.array(z.string()),
    status: z.enum(ITEM_STATUSES),
    owner: z.string().nullable(),
    dueAt: z.string().nullable(),
    answer: z
      .object({
        value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
        text: z.string().nullable(),
      })
      .nullable(),
    compliant: z.boolean().nullable(),
    nonComplianceReason: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({
    id: 'ChecklistItem',
    description: 'One requirement of the tender and the work on it (ETag: its version)',
  });

const Blocker = z.object({
  code: z.string(),
  criterionId: z.string().nullable(),
  requirementKeys: z.array(z.string()),
  lotId: z.string().nullable(),
  reason: z.string(),
});

/** `PUT /settings/working-calendar`'s body: the setting, and the confirmation of an implausible calendar (not stored). */
const WorkingCalendarBody = z
  .object({
    calendars: z.array(OfficialCalendarSchema),
    confirmImplausible: z
      .boolean()
      .optional()
      .describe('keep a calendar the API refused as implausible (recorded in the setting’s audit trail)'),
  })
  .strict();

/** The documentation of the checklist, audit, amendment and readiness routes. */
export const checklistContracts: Partial<Record<FunctionName, Operation>> = {
  listChecklist: {
    summary: "The tender's checklist, one Query per page",
    responses: {
      200: { description: 'one page', schema: page(ChecklistItem) },
      404: problem('no such tender in this organisation'),
    },
  },
  updateChecklistItem: {
    summary: 'Answer, assign or review an item (If-Match: its ETag)',
    requestBody: { description: 'the fields to change' },
    responses: {
      200: { description: 'the item (ETag: its new version)', schema: ChecklistItem },
      400: problem('bad body, or a value of the wrong type for the requirement'),
      403: problem('the role may not make this change'),
      404: problem('no such item'),
      409: problem('an illegal status transition'),
    },
  },
  listAudit: {
    summary: "Every change to the tender's checklist, newest first",
    responses: {
      200: {
        description: 'one page',
        schema: page(
          z.looseObject({ entity: z.string(), actor: z.string(), at: z.string(), action: z.string() }),
        ),
      },
      404: problem('no such tender in this organisation'),
    },
  },
  listChanges: {
    summary: 'What each amendment (a newer import of the same ocid) changed',
    responses: {
      200: {
        description: 'one page, newest first',
        schema: page(
          z.object({
            at: z.string(),
            releaseId: z.string().nullable(),
            tender: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
            requirements: z.object({
              added: z.array(z.string()),
              changed: z.array(z.string()),
              archived: z.array(z.string()),
            }),
          }),
        ),
      },
      404: problem('no such tender in this organisation'),
    },
  },
  getReadiness: {
    summary: 'Is the bid ready, and what blocks it',
    responses: {
      200: {
        description: 'readiness',
        schema: z.object({
          ready: z.boolean(),
          coverage: z.object({ approved: z.number(), mandatory: z.number(), ratio: z.number() }),
          blockers: z.array(Blocker),
          perLot: z.array(z.object({ lotId: z.string(), ready: z.boolean(), blockers: z.number() })),
        }),
      },
      404: problem('no such tender in this organisation'),
    },
  },
  getBidDecision: {
    summary:
      'Bid or no bid: a 0–100 score, each factor with its contribution, and a recommendation with reasons',
    responses: {
      200: {
        description: 'the decision support (thresholds and weights: PUT /settings/bid-policy)',
        schema: z.object({
          score: z.number().int(),
          recommendation: z.enum(['bid', 'review', 'no-bid']),
          factors: z.array(
            z.object({
              name: z.string(),
              weight: z.number(),
              score: z.number(),
              contribution: z.number(),
              detail: z.string(),
            }),
          ),
          reasons: z.array(z.string()),
          flags: z.array(z.string()),
        }),
      },
      404: problem('no such tender in this organisation'),
    },
  },
  putSetting: {
    summary:
      'Set an organisation setting — bid-policy, reminder-plan, webhook, working-calendar or custom-dev-economics (admin; If-Match, "0" the first time)',
    requestBody: {
      schema: z.union([
        BidPolicySchema,
        ReminderPlanSchema,
        WebhookSetting,
        WorkingCalendarBody,
        EconomicsSetting,
        PilotPolicySchema,
      ]),
      description:
        'bid-policy: any fields, the rest take the defaults; reminder-plan: offsets per risk; webhook: {url, allowHosts?}; working-calendar: {calendars: [{country, year, daysOff, workingDays, source}], confirmImplausible?}, the official calendars that win over the built-in ones (a new or changed one that looks implausible — a weekend in daysOff, a weekday public holiday of the country’s statute missing, a working-day count outside the country’s normal range — is refused with a 400 naming each date unless confirmImplausible is true; a change of days starts calendar-recompute, which moves the open deadlines counted through that year); custom-dev-economics: dayRate, currency, maintenanceSharePerYear, discountRate, horizonYears, thresholds {maxRelativeSpread, minStrategicFit, minNpv}, missing fields take the defaults; pilot-policy: {maxLengthDays, timeZone, decisionDays, convertScore}, each defaulted',
    },
    responses: {
      200: { description: 'the setting now in force (ETag: its version)' },
      400: problem(
        'invalid value, naming the field (e.g. weights must sum to 100), or an implausible working calendar naming each date (send confirmImplausible: true to keep it)',
      ),
      404: problem('no such setting'),
      412: problem('stale ETag: nothing written'),
      428: problem('If-Match is missing'),
    },
  },
};
