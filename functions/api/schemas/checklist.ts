import * as z from 'zod/mini';
import { CATEGORIES, ITEM_STATUSES } from '../../domain/checklist/types.ts';
import { api } from '../../routes.ts';

/**
 * What the checklist, audit, amendment, readiness and bid-decision routes read (runtime: zod/mini;
 * /openapi.json documents these same schemas).
 */
export const ChecklistQuery = z.object({
  status: z.optional(z.enum(ITEM_STATUSES)),
  owner: z.optional(z.string().check(z.minLength(1))),
  lot: z.optional(z.string().check(z.minLength(1))),
  category: z.optional(z.enum(CATEGORIES)),
  includeArchived: z.optional(z.enum(['true', 'false'])),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 100),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

export const ItemPatch = z.strictObject({
  owner: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(200)))),
  dueAt: z.optional(z.nullable(z.iso.datetime({ offset: true }))),
  answer: z.optional(
    z.strictObject({
      value: z.optional(z.union([z.string().check(z.maxLength(10_000)), z.number(), z.boolean(), z.null()])),
      text: z.optional(z.nullable(z.string().check(z.maxLength(20_000)))),
    }),
  ),
  status: z.optional(z.enum(ITEM_STATUSES)),
  comment: z.optional(z.string().check(z.minLength(1), z.maxLength(5_000))),
  /** attach library evidence (one call per suggestion) or detach it */
  evidence: z.optional(
    z.strictObject({
      attach: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(20))),
      detach: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(20))),
    }),
  ),
});

export const PageQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

/** The webhook setting's body: see domain/reminders/webhook-target.ts for what the URL may be. */
export const WebhookSetting = z.strictObject({
  url: z.string(),
  /** hosts beyond Slack's and Teams' that may receive this organisation's alerts: `chat.example.com`, `*.example.com` */
  allowHosts: z.optional(z.array(z.string()).check(z.maxLength(20))),
});

export const listChecklist = api('listChecklist', { query: ChecklistQuery });
export const updateChecklistItem = api('updateChecklistItem', { ifMatch: true, body: ItemPatch });
export const listAudit = api('listAudit', { query: PageQuery });
export const listChanges = api('listChanges', { query: PageQuery });
export const getReadiness = api('getReadiness', {});
export const getBidDecision = api('getBidDecision', {});
// the body's schema depends on the setting named (bid-policy, reminder-plan, webhook): the handler reads it
export const putSetting = api('putSetting', {});
