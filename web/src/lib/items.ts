import * as z from 'zod/mini';
import type { ChecklistItem } from '../api/client';

/** What the checklist answer carries beyond the documented core: the requirement's spec and attached evidence. */
const Extra = z.object({
  criterionTitle: z.optional(z.record(z.string(), z.string())),
  groupDescription: z.optional(z.record(z.string(), z.string())),
  expectedValue: z.optional(z.nullable(z.union([z.string(), z.number(), z.boolean()]))),
  minValue: z.optional(z.nullable(z.number())),
  maxValue: z.optional(z.nullable(z.number())),
  pattern: z.optional(z.nullable(z.string())),
  unit: z.optional(z.string()),
  evidence: z.optional(
    z.array(
      z.object({
        evidenceId: z.string(),
        validUntil: z.nullable(z.string()),
        title: z.optional(z.string()),
      }),
    ),
  ),
});
export type ItemExtra = z.infer<typeof Extra>;

export function extraOf(item: ChecklistItem): ItemExtra {
  const parsed = z.safeParse(Extra, item);
  return parsed.success ? parsed.data : {};
}

export interface CriterionGroup {
  criterionId: string;
  title: string;
  /** OR-groups: satisfying one group satisfies the criterion */
  groups: { groupId: string; items: ChecklistItem[] }[];
}

/** Items by criterion, then by requirement group (alternatives), in the order the tender lists them. */
export function byCriterion(items: readonly ChecklistItem[]): CriterionGroup[] {
  const out = new Map<string, CriterionGroup>();
  for (const item of items) {
    let c = out.get(item.criterionId);
    if (!c) {
      const t = extraOf(item).criterionTitle;
      c = {
        criterionId: item.criterionId,
        title: (t && (t.en ?? Object.values(t)[0])) ?? item.criterionId,
        groups: [],
      };
      out.set(item.criterionId, c);
    }
    let g = c.groups.find((x) => x.groupId === item.groupId);
    if (!g) {
      g = { groupId: item.groupId, items: [] };
      c.groups.push(g);
    }
    g.items.push(item);
  }
  const byId = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  const criteria = [...out.values()].sort((a, b) => byId(a.criterionId, b.criterionId));
  for (const c of criteria) {
    c.groups.sort((a, b) => byId(a.groupId, b.groupId));
    for (const g of c.groups) g.items.sort((a, b) => byId(a.requirementId, b.requirementId));
  }
  return criteria;
}

export type Row =
  | { kind: 'criterion'; key: string; criterion: CriterionGroup }
  | { kind: 'group'; key: string; groupId: string; index: number; of: number }
  | { kind: 'item'; key: string; item: ChecklistItem };

/** The flat rows the virtualised list renders. */
export function rowsOf(criteria: readonly CriterionGroup[]): Row[] {
  const rows: Row[] = [];
  for (const c of criteria) {
    rows.push({ kind: 'criterion', key: `c:${c.criterionId}`, criterion: c });
    c.groups.forEach((g, i) => {
      if (c.groups.length > 1)
        rows.push({
          kind: 'group',
          key: `g:${c.criterionId}/${g.groupId}`,
          groupId: g.groupId,
          index: i,
          of: c.groups.length,
        });
      for (const item of g.items) rows.push({ kind: 'item', key: item.itemId, item });
    });
  }
  return rows;
}
