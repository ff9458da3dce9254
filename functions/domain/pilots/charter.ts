/**
 * The pilot charter: a Markdown document the client can sign — objective, scope in and out, the success
 * criteria table, milestones, costs and conversion terms. Pure. Every text a user typed is escaped for
 * Markdown (lib/markdown.ts `markdownText`, one line, safe in a table cell): no heading, link, image,
 * HTML, emphasis or extra table column.
 */
import { markdownText as cell, markdownBlock } from '../../lib/markdown.ts';
import { conversionDecisionDate, midpoint } from './milestones.ts';
import type { Criterion, Pilot, PilotPolicy } from './types.ts';

const target = (c: Criterion) =>
  c.comparator === 'between'
    ? `between ${c.target} and ${c.targetMax} ${c.unit}`
    : `${c.comparator === 'gte' ? '≥' : '≤'} ${c.target} ${c.unit}`;

const money = (amount: number, currency: string) =>
  `${amount.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${currency}`;

const PAID_BY = { client: 'paid by the client', us: 'borne by us', shared: 'shared' } as const;

export function pilotCharter(pilot: Pilot, policy: Pick<PilotPolicy, 'decisionDays'>): string {
  const list = (items: readonly string[]) =>
    items.length ? items.map((i) => `- ${cell(i)}`).join('\n') : '- (none)';
  const criteria = pilot.criteria
    .map(
      (c) =>
        `| ${cell(c.id)} | ${cell(c.metric)} | ${c.baseline} ${cell(c.unit)} | ${cell(target(c))} | ${cell(c.measurementMethod ?? '—')} | ${c.weight} | ${c.mustPass ? 'yes' : 'no'} |`,
    )
    .join('\n');
  const conversion = pilot.conversion
    ? `On success the pilot converts to a contract worth ${money(pilot.conversion.contractValue, pilot.conversion.currency)}; the decision is due by ${conversionDecisionDate(pilot, policy)}.`
    : `No conversion terms are agreed yet; the convert / extend / stop decision is due by ${conversionDecisionDate(pilot, policy)}.`;
  const cost = pilot.cost
    ? `${money(pilot.cost.amount, pilot.cost.currency)}, ${PAID_BY[pilot.cost.paidBy]}.`
    : 'Free of charge.';
  return `# Pilot charter: ${cell(pilot.title)}

**Client:** ${cell(pilot.client)}  
**Pilot:** ${pilot.id} (${pilot.status})  
**Period:** ${pilot.startDate} to ${pilot.endDate} (dates in ${pilot.timeZone})${pilot.owner ? `  \n**Owner:** ${cell(pilot.owner)}` : ''}

## Objective

${markdownBlock(pilot.objective)}

## Scope

In scope:

${list(pilot.scopeIn)}

Out of scope:

${list(pilot.scopeOut)}

## Success criteria

| id | metric | baseline | target | measured by | weight | must pass |
|---|---|---|---|---|---|---|
${criteria}

A must-pass criterion that is not met blocks conversion whatever the weighted score.

## Milestones

| milestone | date |
|---|---|
| Kickoff | ${pilot.startDate} |
| Mid-term review | ${midpoint(pilot.startDate, pilot.endDate)} |
| Final evaluation | ${pilot.endDate} |
| Conversion decision | ${conversionDecisionDate(pilot, policy)} |

## Costs

${cost}

## Conversion terms

${conversion}

## Signatures

| for | name | signature | date |
|---|---|---|---|
| ${cell(pilot.client)} | | | |
| Supplier | | | |
`;
}
