/**
 * Prozorro tender `milestones`: mostly payment and delivery terms relative to an event ("postpayment
 * 100%, 45 calendar days after deliveryOfGoods"), with no date of their own. One with a `dueDate`
 * becomes a deadline like an OCDS milestone; one without is kept (with its terms, for display) and
 * warned about: it cannot be a deadline until the event it counts from happens.
 */
import { isObject, type JsonObject } from '../ocds/detect.ts';
import { readMilestone } from '../ocds/milestones.ts';
import { readNumber, text, type Warn } from '../ocds/normalize.ts';
import type { Use } from '../ocds/reach.ts';
import type { Milestone } from '../tender.ts';

export function readProzorroMilestones(list: unknown, zone: string, warn: Warn, use: Use): Milestone[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    warn('milestones', 'expected an array of milestones');
    return [];
  }
  const out: Milestone[] = [];
  const seen = new Set<string>();
  for (const [i, m] of list.entries()) {
    const path = `milestones[${i}]`;
    if (!isObject(m)) {
      warn(path, 'expected a milestone object');
      continue;
    }
    let id = text(m.id) ?? `${i}`;
    if (seen.has(id)) id = `${id}@${i}`;
    seen.add(id);
    const lotId = text(m.relatedLot);
    const parent = lotId
      ? { scope: 'lot' as const, lotId, contractId: null, ref: `lots[${lotId}].` }
      : { scope: 'tender' as const, lotId: null, contractId: null, ref: '' };
    const read = readMilestone(m, id, parent, path, zone, warn, null, use);
    if (read.dueAt !== null || read.status === 'met' || read.dateMet !== null) {
      out.push(read);
      continue;
    }
    const terms = describeTerms(m);
    warn(path, `no date (${terms}): not a deadline until that event has a date`);
    out.push({ ...read, terms });
  }
  return out;
}

/** "postpayment 100%, 45 calendar days after deliveryOfGoods" */
function describeTerms(m: JsonObject): string {
  const duration = isObject(m.duration) ? m.duration : {};
  const days = readNumber(duration.days);
  const kind = text(duration.type);
  const percentage = readNumber(m.percentage);
  const what = [
    text(m.code) ?? text(m.type) ?? 'term',
    typeof percentage === 'number' ? `${percentage}%` : null,
  ]
    .filter((x) => x !== null)
    .join(' ');
  const event = text(m.title) ?? 'an event';
  const after = typeof days === 'number' ? `${days}${kind ? ` ${kind}` : ''} days after` : 'after';
  return `${what}, ${after} ${event}`;
}
