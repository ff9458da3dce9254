/**
 * A rule's deadline for the tender or one lot: where its period starts (the trigger, or again at a later
 * restart), where a recorded suspension stops it and a resumption lets it run on, what meets it, and the
 * rule's citation with the warnings that go with it (not verified, applies only to …).
 */
import { DateTime } from 'luxon';
import type { NormalizedTender } from '../tender.ts';
import { type Draft, eventKey, type Scope } from './deadline.ts';
import { applyOffset, type Due, resumeCount } from './offsets.ts';
import { applies, type DeadlineRule, type DeadlineRulePack, eventsOf, ruleFor } from './rules.ts';
import type { ProcurementEvent, ProcurementEventType } from './types.ts';
import type { OfficialCalendar } from './working-days.ts';

export interface Context {
  zone: string;
  country: string | null;
  pack: DeadlineRulePack | null;
  calendars: readonly OfficialCalendar[];
  tender: Pick<NormalizedTender, 'buyer'> & Partial<Pick<NormalizedTender, 'value' | 'procurementMethod'>>;
  /** the last recorded event per type and lot */
  events: ReadonlyMap<string, ProcurementEvent>;
}

/**
 * A rule's deadline for a scope, or none when the rule does not apply to the tender. Its period starts at
 * the trigger, or again at the `restartedBy` event when that was recorded later; a `suspendedBy` event
 * recorded within the period stops it (status suspended) until `resumedBy` is recorded, from which the
 * days that were left run on. Only events recorded from the start of the period on meet it.
 */
export function ruleDraft(
  scope: Scope,
  rule: DeadlineRule,
  trigger: Due,
  ctx: Context,
  periods?: ReadonlyMap<string, Due>,
): Draft[] {
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
  const compared = rule.warnWhenEarlier ? periods?.get(rule.warnWhenEarlier.tenderField) : undefined;
  if (rule.warnWhenEarlier && compared && ms(compared.at) < ms(due.at))
    warnings.push(rule.warnWhenEarlier.warning);
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

const ms = (value: string) => DateTime.fromISO(value, { zone: 'utc' }).toMillis();
