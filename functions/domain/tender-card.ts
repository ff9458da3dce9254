import type { NormalizedTender } from './tender.ts';

/** DynamoDB items are at most 400 KB; the card stays well under it. The full tender stays in S3. */
const CARD_BUDGET_BYTES = 300 * 1024;
const MAX_WARNINGS = 500;

const clip = (text: string | null, max: number) =>
  text && text.length > max ? `${text.slice(0, max - 1)}…` : text;
const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

/**
 * The tender as it is kept in the table: every field, but long descriptions clipped and warnings
 * capped, so that a tender with hundreds of lots still fits one item. `clipped` says what was cut;
 * the untouched normalised tender is the intake document in S3.
 */
export function tenderCard(t: NormalizedTender): NormalizedTender & { clipped?: string[] } {
  const clipped: string[] = [];
  let card: NormalizedTender = t;
  if (t.warnings.length > MAX_WARNINGS) {
    card = {
      ...card,
      warnings: [
        ...t.warnings.slice(0, MAX_WARNINGS),
        { path: '', message: `${t.warnings.length - MAX_WARNINGS} more warnings not shown` },
      ],
    };
    clipped.push('warnings');
  }
  for (const max of [4000, 500, 0]) {
    if (size(card) <= CARD_BUDGET_BYTES) break;
    card = {
      ...card,
      description: clip(card.description, Math.max(max, 2000)),
      lots: card.lots.map((l) => ({ ...l, description: max === 0 ? null : clip(l.description, max) })),
      ...(card.milestones
        ? {
            milestones: card.milestones.map((m) => ({
              ...m,
              description: max === 0 ? null : clip(m.description, max),
            })),
          }
        : {}),
    };
    clipped.push(
      max === 0
        ? 'lots.description, milestones.description (dropped)'
        : `description, lots.description, milestones.description (${max} chars)`,
    );
  }
  return clipped.length ? { ...card, clipped } : card;
}
