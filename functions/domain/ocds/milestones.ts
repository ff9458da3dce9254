/**
 * Published milestones → the normalised tender's `milestones` (OCDS 1.1 Milestone: id, title, type,
 * description, code, dueDate, dateMet, dateModified, status). Read from `planning.milestones`,
 * `tender.milestones`, `tender.lots[].milestones` (where a publisher puts them), `contracts[].milestones`
 * and `contracts[].implementation.milestones`; and the single dates the EU profile publishes beside them,
 * kept as milestones so they become deadlines too: the bid opening (`tender.bidOpening.date`,
 * `tender.lots[].bidOpening.date`, eForms BT-132) and a prior information notice's estimated date of the
 * contract notice (`tender.communication.futureNoticeDate`, BT-127). Never throws: what cannot be read is a
 * warning naming the field.
 */
import type { Milestone } from '../tender.ts';
import { readInstant } from '../time.ts';
import { isObject, type JsonObject } from './detect.ts';
import { text, type Warn } from './normalize.ts';
import { type Use, unused } from './reach.ts';

/** OCDS 1.1 milestoneType codelist. */
export const MILESTONE_TYPES = [
  'preProcurement',
  'approval',
  'engagement',
  'assessment',
  'delivery',
  'reporting',
  'financing',
] as const;

/** OCDS 1.1 milestoneStatus codelist. */
export const MILESTONE_STATUSES = ['scheduled', 'met', 'notMet', 'partiallyMet'] as const;

/** Where a list of milestones sits: its scope, lot and contract, the stable ref prefix and the JSON path prefix. */
export interface MilestoneParent {
  scope: Milestone['scope'];
  lotId: string | null;
  contractId: string | null;
  contractStatus?: string | null;
  /** stable, id-based: `''`, `lots[L1].`, `contracts[C1].`, `contracts[C1].implementation.` */
  ref: string;
  /** JSON path of the object holding the list, for warnings: `tender`, `contracts[0].implementation` */
  path: string;
}

export function readMilestones(
  release: JsonObject,
  zone: string,
  warn: Warn,
  use: Use = unused,
): Milestone[] {
  const tender = isObject(release.tender) ? release.tender : {};
  const planning = isObject(release.planning) ? release.planning : {};
  const out = readMilestoneList(
    planning.milestones,
    { scope: 'tender', lotId: null, contractId: null, ref: 'planning.', path: 'planning' },
    zone,
    warn,
    use,
  );
  out.push(
    ...readMilestoneList(
      tender.milestones,
      { scope: 'tender', lotId: null, contractId: null, ref: '', path: 'tender' },
      zone,
      warn,
      use,
    ),
  );
  const communication = isObject(tender.communication) ? tender.communication : {};
  const dated = { zone, warn, use };
  out.push(
    ...datedEvent(communication.futureNoticeDate, 'tender.communication.futureNoticeDate', dated, {
      ref: 'communication.futureNoticeDate',
      id: 'futureNoticeDate',
      scope: 'tender',
      lotId: null,
      title: 'The contract notice is expected (estimated date)',
      description: null,
      type: 'preProcurement',
    }),
    ...bidOpening(tender.bidOpening, 'tender.bidOpening', null, '', dated),
  );
  for (const [i, lot] of (Array.isArray(tender.lots) ? tender.lots : []).entries()) {
    if (!isObject(lot)) continue;
    const lotId = text(lot.id) ?? `${i}`;
    out.push(...bidOpening(lot.bidOpening, `tender.lots[${i}].bidOpening`, lotId, `lots[${lotId}].`, dated));
    if (lot.milestones === undefined) continue;
    out.push(
      ...readMilestoneList(
        lot.milestones,
        { scope: 'lot', lotId, contractId: null, ref: `lots[${lotId}].`, path: `tender.lots[${i}]` },
        zone,
        warn,
        use,
      ),
    );
  }
  const awardLots = awardLotsOf(release);
  for (const [i, contract] of (Array.isArray(release.contracts) ? release.contracts : []).entries()) {
    if (!isObject(contract)) continue;
    const contractId = text(contract.id) ?? `${i}`;
    const lots = awardLots.get(text(contract.awardID) ?? '') ?? [];
    const parent = {
      lotId: lots.length === 1 ? (lots[0] as string) : null,
      contractId,
      contractStatus: text(contract.status),
    };
    out.push(
      ...readMilestoneList(
        contract.milestones,
        { ...parent, scope: 'contract', ref: `contracts[${contractId}].`, path: `contracts[${i}]` },
        zone,
        warn,
        use,
      ),
    );
    const implementation = isObject(contract.implementation) ? contract.implementation : {};
    out.push(
      ...readMilestoneList(
        implementation.milestones,
        {
          ...parent,
          scope: 'implementation',
          ref: `contracts[${contractId}].implementation.`,
          path: `contracts[${i}].implementation`,
        },
        zone,
        warn,
        use,
      ),
    );
  }
  return out;
}

interface Dated {
  zone: string;
  warn: Warn;
  use: Use;
}

/** The public opening of the bids (eForms BT-132, with its place, BT-133): a date the bidder may attend. */
function bidOpening(v: unknown, path: string, lotId: string | null, ref: string, dated: Dated): Milestone[] {
  if (v === undefined || v === null) return [];
  if (!isObject(v)) {
    dated.warn(path, 'expected an object with a date');
    return [];
  }
  const location = isObject(v.location) ? text(v.location.description) : null;
  return datedEvent(v.date, `${path}.date`, dated, {
    ref: `${ref}bidOpening`,
    id: 'bidOpening',
    scope: lotId === null ? 'tender' : 'lot',
    lotId,
    title: `Bids are opened${location !== null ? ` (${location})` : ''}`,
    description: text(v.description),
    type: 'assessment',
  });
}

/** One published date that is an event of the procedure, as a milestone; none when it has no date. */
function datedEvent(
  value: unknown,
  path: string,
  { zone, warn, use }: Dated,
  m: Pick<Milestone, 'ref' | 'id' | 'scope' | 'lotId' | 'title' | 'description' | 'type'>,
): Milestone[] {
  const due = readDate(value, path, zone, warn);
  if (due === null) return [];
  use(path);
  if (due.allDay) warn(path, `a date without a time: taken as the end of that day in ${zone}`);
  return [
    {
      ...m,
      contractId: null,
      code: m.id,
      status: null,
      dueAt: due.at,
      ...(due.allDay ? { dueAllDay: true } : {}),
      dateMet: null,
    },
  ];
}

/** award id → the lots it relates to, so a contract's milestones belong to its lot when there is exactly one. */
function awardLotsOf(release: JsonObject): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const award of Array.isArray(release.awards) ? release.awards : []) {
    if (!isObject(award)) continue;
    const id = text(award.id);
    const lots = Array.isArray(award.relatedLots)
      ? award.relatedLots.map(text).filter((l) => l !== null)
      : [];
    if (id !== null) out.set(id, lots);
  }
  return out;
}

/** One published list of milestones. Ids give stable refs; a repeated id is told apart by its position. */
export function readMilestoneList(
  list: unknown,
  parent: MilestoneParent,
  zone: string,
  warn: Warn,
  use: Use = unused,
): Milestone[] {
  if (list === undefined || list === null) return [];
  const listPath = `${parent.path}.milestones`;
  if (!Array.isArray(list)) {
    warn(listPath, 'expected an array of milestones');
    return [];
  }
  const seen = new Set<string>();
  const out: Milestone[] = [];
  for (const [i, m] of list.entries()) {
    const path = `${listPath}[${i}]`;
    if (!isObject(m)) {
      warn(path, 'expected a milestone object');
      continue;
    }
    let id = text(m.id) ?? `${i}`;
    if (seen.has(id)) {
      warn(`${path}.id`, `duplicate milestone id ${JSON.stringify(id)}: told apart by its position ${i}`);
      id = `${id}@${i}`;
    }
    seen.add(id);
    out.push(readMilestone(m, id, parent, path, zone, warn, undefined, use));
  }
  return out;
}

/** One milestone at `path`; `undated` says what to warn when it has no due date (null: say nothing). */
export function readMilestone(
  m: JsonObject,
  id: string,
  parent: Omit<MilestoneParent, 'path'>,
  path: string,
  zone: string,
  warn: Warn,
  undated: string | null = 'missing: the milestone is kept but is no deadline',
  use: Use = unused,
): Milestone {
  use(path);
  const type = text(m.type);
  if (type !== null && !(MILESTONE_TYPES as readonly string[]).includes(type))
    warn(`${path}.type`, `unknown milestone type ${JSON.stringify(type)}: treated as a plain milestone`);
  const status = text(m.status);
  if (status !== null && !(MILESTONE_STATUSES as readonly string[]).includes(status))
    warn(`${path}.status`, `unknown milestone status ${JSON.stringify(status)}: read as scheduled`);

  const dateMet = readDate(m.dateMet, `${path}.dateMet`, zone, warn);
  const due = readDate(m.dueDate, `${path}.dueDate`, zone, warn);
  if (dateMet) use(`${path}.dateMet`);
  if (due) use(`${path}.dueDate`);
  if (due?.allDay) warn(`${path}.dueDate`, `a date without a time: due at the end of that day in ${zone}`);
  if (undated !== null && (m.dueDate === undefined || m.dueDate === null))
    if (status !== 'met' && dateMet === null) warn(`${path}.dueDate`, undated);

  const milestone: Milestone = {
    ref: `${parent.ref}milestones[${id}]`,
    id,
    scope: parent.scope,
    lotId: parent.lotId,
    contractId: parent.contractId,
    title: text(m.title),
    description: text(m.description),
    type,
    code: text(m.code),
    status,
    dueAt: due?.at ?? null,
    dateMet: dateMet?.at ?? null,
  };
  if (due?.allDay) milestone.dueAllDay = true;
  if (parent.contractStatus !== undefined) milestone.contractStatus = parent.contractStatus;
  return milestone;
}

function readDate(v: unknown, path: string, zone: string, warn: Warn) {
  if (v === undefined || v === null) return null;
  const read = readInstant(v, zone);
  if (read.ok) return read.value;
  warn(path, read.reason);
  return null;
}
