/**
 * Every deadline of a tender, computed from its inputs: the periods and milestones as published (tender,
 * lots, contracts), the jurisdiction's rule pack applied to tender fields and recorded procurement events, checklist items' due
 * dates and evidence validity. Pure: `now` is a parameter; the same inputs give the same deadlines with the
 * same ids, so when an input changes (an event recorded, an amendment) every dependent deadline follows.
 */
import { DateTime } from 'luxon';
import type { ItemStatus } from '../checklist/types.ts';
import type { NormalizedTender, Period } from '../tender.ts';
import { readInstant } from '../time.ts';
import { type Draft, eventKey, finish, latestEvents, type Scope } from './deadline.ts';
import { milestoneDraft } from './milestones.ts';
import { applyOffset, type Due, resumeCount } from './offsets.ts';
import {
  applies,
  buyerCountry,
  chooseDeadlinePack,
  type DeadlineRule,
  type DeadlineRulePack,
  eventsOf,
  ruleFor,
} from './rules.ts';
import type { Deadline, ProcurementEvent, ProcurementEventType } from './types.ts';
import { type OfficialCalendar, workingCalendar } from './working-days.ts';

export interface DeadlineInput {
  tenderId: string;
  tender: Pick<NormalizedTender, 'periods' | 'lots' | 'timeZone' | 'buyer'> &
    Partial<
      Pick<NormalizedTender, 'status' | 'milestones' | 'timeZoneSource' | 'value' | 'procurementMethod'>
    >;
  /** the organisation's official working calendars (`PUT /settings/working-calendar`): they win */
  calendars?: readonly OfficialCalendar[];
  events: readonly ProcurementEvent[];
  items?: readonly {
    itemId: string;
    title: string;
    dueAt: string | null;
    owner: string | null;
    status: ItemStatus;
  }[];
  evidence?: readonly { evidenceId: string; title: string; validUntil: string | null }[];
  /** the rule packs to choose from (default: every pack in rule-packs/); tests pass their own */
  packs?: readonly DeadlineRulePack[];
  /** who owns the tender's deadlines (the bid manager, say); items name their own owner */
  owners?: readonly string[];
  now: string;
}

/** OCDS tender/lot statuses after which nothing is due any more. */
const ENDED = new Set(['cancelled', 'unsuccessful', 'withdrawn']);

/** The published periods that are deadlines of their own: field, kind, risk, title. */
const PERIOD_DEADLINES = [
  ['periods.tender.end', 'submission', 'critical', 'Submit the bid'],
  ['periods.enquiry.end', 'enquiry-end', 'normal', 'Questions to the buyer close'],
  ['periods.clarificationsUntil.end', 'clarification-request', 'high', "Buyer's answers to questions due"],
  ['periods.bidValidity.end', 'bid-validity-end', 'high', 'Bid validity ends'],
  ['periods.award.end', 'award-period-end', 'info', 'Award period ends'],
  ['periods.contract.start', 'milestone', 'info', 'Contract period starts'],
  ['periods.contract.end', 'milestone', 'normal', 'Contract performance ends'],
] as const;

type Effective = Due & { ref: string; legalBasis?: string };

export interface Context {
  zone: string;
  country: string | null;
  pack: DeadlineRulePack | null;
  calendars: readonly OfficialCalendar[];
  tender: DeadlineInput['tender'];
  /** the last recorded event per type and lot */
  events: ReadonlyMap<string, ProcurementEvent>;
}

/** Throws RangeError when `now` or an event's `at` is not an ISO instant (the API validates both first). */
export function computeDeadlines(input: DeadlineInput): Deadline[] {
  const { tender } = input;
  for (const [what, value] of [['now', input.now], ...input.events.map((e) => [`event ${e.type}`, e.at])])
    if (!DateTime.fromISO(value ?? '', { setZone: true }).isValid)
      throw new RangeError(`${what}: not an ISO instant: ${JSON.stringify(value)}`);
  const ctx: Context = {
    zone: tender.timeZone,
    country: buyerCountry(tender),
    pack: chooseDeadlinePack(tender, input.packs),
    calendars: input.calendars ?? [],
    tender,
    events: latestEvents(input.events),
  };
  const tenderEnded = ENDED.has(tender.status ?? '');
  const whole: Scope = { lotId: null, prefix: '', cancelled: tenderEnded };
  const wholePeriods = effective(tender.periods, ctx, undefined);
  const submission = wholePeriods.get('periods.tender.end');
  const owners = [...(input.owners ?? [])];

  const drafts: Draft[] = [...scopeDeadlines(whole, wholePeriods, wholePeriods, ctx)];
  for (const lot of tender.lots) {
    const scope = {
      lotId: lot.id,
      prefix: `lots[${lot.id}].`,
      cancelled: tenderEnded || ENDED.has(lot.status ?? ''),
    };
    drafts.push(...scopeDeadlines(scope, effective(lot.periods, ctx, submission), wholePeriods, ctx));
  }
  const scopeOf = (lotId: string | null): Scope => {
    const lot = tender.lots.find((l) => l.id === lotId);
    return {
      lotId,
      prefix: lotId ? `lots[${lotId}].` : '',
      cancelled: tenderEnded || ENDED.has(lot?.status ?? ''),
    };
  };
  for (const event of ctx.events.values()) {
    const scope = scopeOf(event.lot ?? null);
    for (const rule of ctx.pack?.rules ?? [])
      if ('event' in rule.trigger && rule.trigger.event === event.type)
        drafts.push(...ruleDraft(scope, rule, { at: event.at, allDay: false }, ctx));
  }
  for (const milestone of tender.milestones ?? []) {
    const draft = milestoneDraft(milestone, scopeOf(milestone.lotId));
    if (draft) drafts.push(draft);
  }
  for (const item of input.items ?? []) {
    const read = item.dueAt ? readInstant(item.dueAt, ctx.zone) : null;
    if (!read?.ok) continue;
    drafts.push({
      scope: whole,
      kind: 'checklist-item',
      risk: 'normal',
      title: item.title,
      ...read.value,
      source: { type: 'checklist', ref: item.itemId },
      owners: item.owner ? [item.owner] : owners,
      // the owner's part is done once answered; a rejected answer reopens it
      met: item.status === 'answered' || item.status === 'approved',
      cancelled: item.status === 'not_applicable',
    });
  }
  for (const ev of input.evidence ?? []) {
    const read = ev.validUntil ? readInstant(ev.validUntil, ctx.zone) : null;
    if (!read?.ok) continue;
    // Evidence that lapses before the bid is due would be invalid at submission: a disqualification risk.
    const beforeSubmission = submission !== undefined && ms(read.value.at) < ms(submission.at);
    drafts.push({
      scope: whole,
      kind: 'evidence-expiry',
      risk: beforeSubmission ? 'critical' : 'high',
      title: `Evidence expires: ${ev.title}`,
      ...read.value,
      source: { type: 'evidence', ref: ev.evidenceId },
    });
  }

  const finishing = {
    tenderId: input.tenderId,
    zone: ctx.zone,
    now: input.now,
    owners,
    metEvents: latestEvents(input.events),
  };
  const zoneWarning = guessedZoneWarning(tender);
  return drafts
    .map((d) => finish(zoneWarning && d.allDay ? warned(d, zoneWarning) : d, finishing))
    .sort((a, b) => ms(a.dueAt) - ms(b.dueAt) || a.deadlineId.localeCompare(b.deadlineId));
}

/**
 * The published periods of the tender or one lot, and the rules that start from them. A lot's period is a
 * deadline of its own only where it differs from the tender's (lots usually repeat the tender's periods).
 */
function scopeDeadlines(
  scope: Scope,
  periods: Map<string, Effective>,
  tenderPeriods: Map<string, Effective>,
  ctx: Context,
): Draft[] {
  const own = (field: string) => {
    const at = periods.get(field);
    return at && (scope.lotId === null || ms(at.at) !== ms(tenderPeriods.get(field)?.at ?? ''))
      ? at
      : undefined;
  };
  const drafts: Draft[] = [];
  for (const [field, kind, risk, title] of PERIOD_DEADLINES) {
    const at = own(field);
    if (!at) continue;
    const legalBasis = at.legalBasis ? { legalBasis: at.legalBasis } : {};
    const offDay = field === 'periods.tender.end' ? nonWorkingSubmission(at.at, ctx) : undefined;
    drafts.push({
      scope,
      kind,
      risk,
      title,
      at: at.at,
      allDay: at.allDay,
      source: { type: 'tender', ref: scope.prefix + at.ref, ...legalBasis },
      ...(offDay ? { warnings: [offDay] } : {}),
    });
  }
  for (const rule of ctx.pack?.rules ?? []) {
    const from = 'tenderField' in rule.trigger ? own(rule.trigger.tenderField) : undefined;
    if (from) drafts.push(...ruleDraft(scope, rule, from, ctx));
  }
  return drafts;
}

/**
 * A rule's deadline for a scope, or none when the rule does not apply to the tender. Its period starts at
 * the trigger, or again at the `restartedBy` event when that was recorded later; a `suspendedBy` event
 * recorded within the period stops it (status suspended) until `resumedBy` is recorded, from which the
 * days that were left run on. Only events recorded from the start of the period on meet it.
 */
function ruleDraft(scope: Scope, rule: DeadlineRule, trigger: Due, ctx: Context): Draft[] {
  const pack = applies(ctx.pack?.appliesTo, ctx.tender);
  const own = applies(rule.appliesTo, ctx.tender);
  if (!own.applies) return [];
  const { title, offset, legalBasis, citation } = ruleFor(rule, ctx.country);
  const recorded = (type: ProcurementEventType | undefined) =>
    type === undefined
      ? undefined
      : (ctx.events.get(eventKey(type, scope.lotId)) ??
        (scope.lotId !== null ? ctx.events.get(eventKey(type, null)) : undefined));
  const restart = recorded(rule.restartedBy);
  const from: Due = restart && ms(restart.at) > ms(trigger.at) ? { at: restart.at, allDay: false } : trigger;
  let due = applyOffset(from, offset, ctx);
  const warnings = [...pack.warnings, ...own.warnings];
  let suspended = false;
  const stop = recorded(rule.suspendedBy);
  if (stop && ms(stop.at) >= ms(from.at) && ms(stop.at) <= ms(due.at)) {
    const resume = recorded(rule.resumedBy);
    if (resume && ms(resume.at) >= ms(stop.at)) due = resumeCount(from, stop.at, resume.at, offset, ctx);
    else {
      suspended = true;
      warnings.push(
        `suspended on ${localDate(stop.at, ctx.zone)} (${eventWords(rule.suspendedBy)}): the days left run on once ${eventWords(rule.resumedBy)} is recorded`,
      );
    }
  }
  if (!citation.verified)
    warnings.push('this rule is not verified against the current text of the law: check it');
  const allWarnings = [...(due.warnings ?? []), ...warnings];
  return [
    {
      scope,
      kind: rule.kind,
      risk: rule.risk,
      title,
      ...(rule.metBy ? { metBy: eventsOf(rule.metBy), metAfter: from.at } : {}),
      ...(suspended ? { suspended } : {}),
      at: due.at,
      allDay: due.allDay,
      ...(allWarnings.length > 0 ? { warnings: allWarnings } : {}),
      source: {
        type: 'rule',
        ref: `${ctx.pack?.id}:${rule.id}`,
        legalBasis,
        citation,
        verified: citation.verified,
      },
    },
  ];
}

/** An event type in words, for a warning ("complaint filed"). */
const eventWords = (type: string | undefined) => (type ?? 'the event').replaceAll('-', ' ');
const localDate = (at: string, zone: string) =>
  DateTime.fromISO(at, { zone }).toFormat("d LLLL yyyy '('z')'", { locale: 'en' });

/**
 * A scope's period instants as deadlines use them: a date-only end gets the pack's default time of day
 * (FAR: 4:30 p.m. local) instead of the end of the day; bid validity is the published end, else the
 * submission deadline (the lot's, else the tender's) plus the published duration in local calendar days.
 */
function effective(periods: NormalizedTender['periods'], ctx: Context, tenderSubmission?: Effective) {
  const out = new Map<string, Effective>();
  for (const [name, period] of Object.entries(periods) as [string, Period | undefined][]) {
    if (period?.start)
      out.set(`periods.${name}.start`, { at: period.start, allDay: false, ref: `periods.${name}.start` });
    if (!period?.end) continue;
    const ref = `periods.${name}.end`;
    const rule = period.endAllDay ? ctx.pack?.defaultTimes.find((d) => d.field === ref) : undefined;
    out.set(
      ref,
      rule
        ? {
            at: iso(atLocalTime(period.end, rule.time, ctx.zone)),
            allDay: false,
            ref,
            legalBasis: rule.legalBasis,
          }
        : { at: period.end, allDay: period.endAllDay ?? false, ref },
    );
  }
  const submission = out.get('periods.tender.end') ?? tenderSubmission;
  const days = periods.bidValidity?.durationInDays;
  if (!out.has('periods.bidValidity.end') && submission && typeof days === 'number')
    out.set('periods.bidValidity.end', {
      at: iso(DateTime.fromISO(submission.at, { zone: ctx.zone }).plus({ days })),
      allDay: submission.allDay,
      ref: 'periods.bidValidity.durationInDays',
    });
  return out;
}

function atLocalTime(instant: string, time: string, zone: string): DateTime {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return DateTime.fromISO(instant, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
}

const iso = (dt: DateTime): string => dt.toUTC().toISO() as string;
const ms = (value: string) => DateTime.fromISO(value, { zone: 'utc' }).toMillis();

/** A warning when the pack wants the bid deadline on a working day and the published one is not (44-FZ). */
function nonWorkingSubmission(at: string, ctx: Context): string | undefined {
  const rule = ctx.pack?.submissionOnWorkingDay;
  if (!rule) return undefined;
  const day = DateTime.fromISO(at, { zone: ctx.zone });
  if (workingCalendar(ctx.country, ctx.calendars).isWorkingDay(day.toISODate() as string, ctx.zone))
    return undefined;
  const act = rule.act.split(/ [«(]/)[0];
  return `the bid deadline falls on a non-working day (${day.setLocale('en').toFormat('cccc d LLLL yyyy')}), and the law wants it on a working day (${act}, art. ${rule.article}${rule.verified ? '' : ', not verified'}): ask the buyer to confirm or correct it`;
}

/** A zone that is a guess (the capital's, or UTC for an unknown country) makes every whole-day deadline one. */
function guessedZoneWarning(tender: DeadlineInput['tender']): string | undefined {
  if (tender.timeZoneSource !== 'capital-guess' && tender.timeZoneSource !== 'default') return undefined;
  return `the buyer's time zone ${tender.timeZone} is a guess (${tender.timeZoneSource === 'default' ? 'unknown country' : "the capital's zone"}): this deadline ends at midnight there; check the buyer's zone and re-import with ?timeZone= if it differs`;
}

const warned = (d: Draft, warning: string): Draft => ({ ...d, warnings: [...(d.warnings ?? []), warning] });
