import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Citation,
  type DeadlineRule,
  type DeadlineRulePack,
  deadlineRulePacks,
  type Offset,
} from '../functions/domain/deadlines/rules.ts';

/**
 * `npm run docs:deadlines`: write docs/deadlines.md from the rule packs — per regime, every rule with what it
 * counts, its citation and whether it was verified against the current text of the law. Run it after changing
 * a pack; test/unit/domain/deadlines/docs.test.ts fails when the file is stale.
 */
export const deadlineDocsFile = fileURLToPath(new URL('../docs/deadlines.md', import.meta.url));

export function deadlineDocsText(packs: readonly DeadlineRulePack[] = deadlineRulePacks): string {
  const out = [
    '# Deadline rules by regime',
    '',
    'Generated from `functions/domain/deadlines/rule-packs/*.json` by `npm run docs:deadlines`: do not edit by hand.',
    'A rule marked **not verified** was not checked against the current text of the law; every deadline it',
    'computes carries a warning saying so (in the API and on the deadlines screen).',
    '',
  ];
  for (const pack of packs) {
    out.push(`## ${pack.title}`, '');
    out.push(
      `Pack \`${pack.id}\` · buyers in ${pack.jurisdiction.countries.join(', ')}${appliesText(pack.appliesTo)}`,
    );
    out.push('', cell(pack.legalBasis), '');
    out.push('| Rule | What it counts | Citation | Verified |', '| --- | --- | --- | --- |');
    for (const rule of pack.rules) {
      out.push(
        `| ${cell(rule.title)} (\`${rule.id}\`) | ${cell(counts(rule))} | ${cell(citationText(rule.citation))} | ${verified(rule.citation)} |`,
      );
      for (const v of rule.variants ?? [])
        out.push(
          `| ↳ ${v.countries.join(', ')}: ${cell(v.title ?? rule.title)} | ${cell(offsetText(v.offset ?? rule.offset))} | ${cell(citationText(v.citation))} | ${verified(v.citation)} |`,
        );
    }
    if (pack.submissionOnWorkingDay)
      out.push(
        `| The bid deadline falls on a working day (a warning otherwise) | the published bid deadline | ${cell(citationText(pack.submissionOnWorkingDay))} | ${verified(pack.submissionOnWorkingDay)} |`,
      );
    if (pack.securities.length > 0) {
      out.push('', '**Securities**', '');
      for (const s of pack.securities)
        out.push(
          `- ${s.kind === 'bid' ? 'Bid' : 'Performance'} security ${s.minPercent}–${s.maxPercent}% of ${s.of} (${s.legalBasis}) — ${s.verified ? 'verified' : '**not verified**'}`,
        );
    }
    if (pack.notes && pack.notes.length > 0) {
      out.push('', '**Notes**', '');
      for (const n of pack.notes)
        out.push(`- **${n.title}.** ${n.text} (${citationText(n.citation)}) — ${verified(n.citation)}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const verified = (c: Citation) => (c.verified ? 'yes' : '**not verified**');

function citationText(c: Citation): string {
  const place = [c.act, `art. ${c.article}`, c.part && `part ${c.part}`, c.item && `item ${c.item}`]
    .filter(Boolean)
    .join(', ');
  return `${place}: “${c.quote}”${c.source ? ` (source: ${c.source})` : ''}`;
}

function appliesText(to: DeadlineRulePack['appliesTo']): string {
  if (!to) return '';
  const parts = [
    to.countries && `countries ${to.countries.join(', ')}`,
    to.buyerKinds && `${to.buyerKinds.join('/')} buyers`,
    to.minValue && `from ${to.minValue.amount} ${to.minValue.currency}`,
    to.procedures && `procedures ${to.procedures.join(', ')}`,
  ].filter(Boolean);
  return parts.length > 0 ? ` · only ${parts.join('; ')}` : '';
}

function counts(rule: DeadlineRule): string {
  const from =
    'event' in rule.trigger
      ? `the event \`${rule.trigger.event}\``
      : `the tender's \`${rule.trigger.tenderField}\``;
  const parts = [`${offsetText(rule.offset)} from ${from}`];
  const metBy = rule.metBy === undefined ? [] : typeof rule.metBy === 'string' ? [rule.metBy] : rule.metBy;
  if (metBy.length > 0) parts.push(`met by ${metBy.map((e) => `\`${e}\``).join(' or ')}`);
  if (rule.suspendedBy) parts.push(`suspended by \`${rule.suspendedBy}\` until \`${rule.resumedBy}\``);
  if (rule.restartedBy) parts.push(`restarted by \`${rule.restartedBy}\``);
  const applies = appliesText(rule.appliesTo);
  if (applies) parts.push(applies.replace(' · ', ''));
  return parts.join('; ');
}

function offsetText(o: Offset): string {
  const at = o.at ? ` at ${o.at} local time` : '';
  if ('workingDays' in o) return `${o.workingDays} working day(s) after, to the end of the last${at}`;
  if ('days' in o)
    return `${o.days} calendar day(s) after${o.endOnWorkingDay ? ', a last day off moved to the next working day' : ''}${at}`;
  if ('calendarDays' in o)
    return o.calendarDays === 0 ? `the same moment${at}` : `${o.calendarDays} day(s), same wall time${at}`;
  if ('daysBefore' in o) return `${o.daysBefore} day(s) before, to the end of that day${at}`;
  if ('workingDaysBefore' in o) return `${o.workingDaysBefore} working day(s) before${at}`;
  return `${o.months} month(s) after${at}`;
}

/** A table cell: one line, no pipes. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll(/\s*\n\s*/g, ' ');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(deadlineDocsFile, deadlineDocsText());
  console.log(`wrote ${deadlineDocsFile}`);
}
