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
import { readInstant } from '../time.ts';

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

/**
 * Dates of a Prozorro tender that are events, kept as milestones so they become deadlines: the end of the
 * complaint period (the last moment to complain about the tender's conditions) and each item's delivery
 * date (`items[].deliveryDate`, a period: its end is due, in the lot of the item).
 */
export function readProzorroDates(t: JsonObject, zone: string, warn: Warn, use: Use): Milestone[] {
  const out: Milestone[] = [];
  const complaint = isObject(t.complaintPeriod) ? t.complaintPeriod : undefined;
  if (complaint) {
    const end = readDate(complaint.endDate, 'complaintPeriod.endDate', zone, warn, use);
    const start = readDate(complaint.startDate, 'complaintPeriod.startDate', zone, warn, use);
    if (end)
      out.push(
        event(
          'complaintPeriod',
          'complaintPeriod',
          null,
          end,
          'Complaints about the tender conditions close',
          {
            description: start ? `Complaints accepted from ${start.at}` : null,
            type: null,
          },
        ),
      );
    else if (start) warn('complaintPeriod', 'no end date: the last day to complain is unknown');
  }
  for (const [i, item] of (Array.isArray(t.items) ? t.items : []).entries()) {
    if (!isObject(item) || item.deliveryDate === undefined || item.deliveryDate === null) continue;
    const path = `items[${i}].deliveryDate`;
    if (!isObject(item.deliveryDate)) {
      warn(path, 'expected a period with startDate and endDate');
      continue;
    }
    const id = text(item.id) ?? `${i}`;
    const end = readDate(item.deliveryDate.endDate, `${path}.endDate`, zone, warn, use);
    const start = readDate(item.deliveryDate.startDate, `${path}.startDate`, zone, warn, use);
    if (!end) {
      if (start) warn(path, 'no endDate: the delivery is not a deadline');
      continue;
    }
    out.push(
      event(
        `items[${id}].deliveryDate`,
        'deliveryDate',
        text(item.relatedLot),
        end,
        text(item.description) ?? `item ${id}`,
        {
          description: start ? `Delivery from ${start.at}` : null,
          type: 'delivery',
        },
      ),
    );
  }
  return out;
}

function readDate(v: unknown, path: string, zone: string, warn: Warn, use: Use) {
  if (v === undefined || v === null) return null;
  const read = readInstant(v, zone);
  if (!read.ok) {
    warn(path, read.reason);
    return null;
  }
  use(path);
  return read.value;
}

function event(
  ref: string,
  id: string,
  lotId: string | null,
  due: { at: string; allDay: boolean },
  title: string,
  m: Pick<Milestone, 'description' | 'type'>,
): Milestone {
  return {
    ref,
    id,
    scope: lotId === null ? 'tender' : 'lot',
    lotId,
    contractId: null,
    title,
    ...m,
    code: id,
    status: null,
    dueAt: due.at,
    ...(due.allDay ? { dueAllDay: true } : {}),
    dateMet: null,
  };
}
