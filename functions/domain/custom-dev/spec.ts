/**
 * The specification handed to developers once a request is approved: Markdown, generated from the
 * recorded request, technical assessment, commercial terms and business case. Pure. Every text a user
 * typed is escaped for Markdown (lib/markdown.ts): it reads as itself and adds no structure or link.
 */
import { markdownBlock, markdownText as md } from '../../lib/markdown.ts';
import type { Figure } from './business-case.ts';
import type { CustomDevRequest } from './request.ts';

const money = (f: Figure | undefined, currency: string) =>
  f?.value === null || f?.value === undefined
    ? 'n/a'
    : `${f.value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

/** One user story per line (or sentence) of the requested functionality. */
export function storiesOf(functionality: string): string[] {
  const lines = functionality
    .split(/\r?\n|(?<=[.;])\s+/)
    .map((l) =>
      l
        .replace(/^[-*•\d.)\s]+/, '')
        .replace(/[.;]\s*$/, '')
        .trim(),
    )
    .filter((l) => l.length > 0);
  return lines.length > 0 ? lines : [functionality.trim()];
}

const lowerFirst = (s: string) => (s.length > 0 ? s[0]?.toLowerCase() + s.slice(1) : s);

export function specMarkdown(r: CustomDevRequest, generatedAt: string): string {
  const t = r.technical;
  const c = r.commercial;
  const bc = r.businessCase;
  const cur = bc?.currency ?? '';
  const out: string[] = [];
  out.push(`# Specification: ${md(r.title)}`, '');
  out.push(
    `Request \`${r.requestId}\`, ${r.decision?.decision === 'approve-as-pilot' ? 'approved as a pilot' : 'approved'} by ${md(r.decision?.by ?? 'n/a')} on ${r.decision?.at ?? 'n/a'}. Generated ${generatedAt}.`,
    '',
  );
  out.push('## Context and client', '');
  out.push(`- Client: ${md(r.client)}`);
  if (r.vertical) out.push(`- Vertical: ${md(r.vertical)}`);
  out.push(`- Strategic fit: ${r.strategicFit} of 5`);
  if (r.neededBy) out.push(`- Needed by: ${md(r.neededBy)}`);
  if (r.tenderId)
    out.push(
      `- From tender \`${r.tenderId}\`${r.checklistItemId ? `, requirement \`${r.checklistItemId}\`` : ''}`,
    );
  if (r.decision?.reason) out.push(`- Decision note: ${md(r.decision.reason)}`);
  out.push('', '## Problem', '', markdownBlock(r.problem), '');
  out.push('## Requirements', '');
  storiesOf(r.requestedFunctionality).forEach((story, i) => {
    out.push(`### Story ${i + 1}`, '');
    out.push(
      `As a user at ${md(r.client)}, I want ${md(lowerFirst(story))}, so that ${md(lowerFirst(r.problem.split(/(?<=[.!?])\s/)[0] ?? r.problem).replace(/[.!?]$/, ''))}.`,
      '',
    );
    out.push('Acceptance criteria:', '');
    out.push(
      `- Given a user of ${md(r.client)} with the right role, when they use it, then ${md(lowerFirst(story))} works as described.`,
    );
    out.push(
      '- Every change it makes is audited (actor, time, before, after) and scoped to the organisation.',
    );
    out.push('- Bad input is refused with a message naming the field; nothing is written.');
    if (t?.conditions) out.push(`- The condition of the technical assessment holds: ${md(t.conditions)}`);
    out.push('');
  });
  out.push('## Non-functional requirements', '');
  out.push('- Security: same authentication, roles and organisation scoping as the product.');
  out.push('- Performance and availability: within the product’s budgets (docs/DESIGN.md §8).');
  for (const d of t?.dependencies ?? []) out.push(`- Dependency: ${md(d)}`);
  for (const risk of t?.risks ?? []) out.push(`- Risk to manage: ${md(risk)}`);
  out.push('', '## Out of scope', '');
  out.push('- Anything beyond the stories above; changes need a new request.');
  if (t && !t.generic)
    out.push(`- Generalising it for other clients: it is built specifically for ${md(r.client)}.`);
  out.push('', '## Estimate', '');
  if (t && bc) {
    out.push(
      `- Three-point estimate: ${t.effortDays.optimistic} / ${t.effortDays.likely} / ${t.effortDays.pessimistic} days (optimistic / likely / pessimistic)`,
      `- PERT expected effort: ${bc.expectedEffortDays.value} days, standard deviation ${bc.effortStdDevDays.value} days`,
      `- Build cost: ${money(bc.expected.buildCost, cur)} (pessimistic ${money(bc.pessimistic.buildCost, cur)})`,
      `- Total cost over ${bc.horizonYears.value} years with maintenance: ${money(bc.expected.totalCost, cur)}`,
    );
  } else out.push('- Not assessed.');
  out.push('', '## Commercial terms', '');
  const p = c?.pricing;
  if (p?.model === 'fixed') out.push(`- Fixed price: ${p.price} ${cur}`);
  if (p?.model === 'time-and-materials') out.push(`- Time and materials at ${p.dayRate} ${cur} per day`);
  if (p?.model === 'revenue-share')
    out.push(
      `- Revenue share: ${p.percent}% of the client’s revenue from it (projected ${p.projectedClientRevenuePerYear} ${cur} per year)`,
    );
  if (bc)
    out.push(
      `- NPV: ${money(bc.expected.npv, cur)} (pessimistic ${money(bc.pessimistic.npv, cur)}); margin ${bc.expected.margin.value === null ? 'n/a' : `${(bc.expected.margin.value * 100).toFixed(1)}%`}; payback month ${bc.expected.paybackMonth.value ?? 'not within the horizon'}`,
    );
  out.push('', '## Reuse plan', '');
  if (c?.reuse)
    out.push(
      `- ${c.reuse.candidateClients} candidate clients, adoption probability ${c.reuse.adoptionProbability}, ${c.reuse.pricePerClient} ${cur} each: expected ${money(bc?.expected.reuseRevenue, cur)} over the horizon.`,
      t?.generic
        ? '- Built into the product core, so other clients can adopt it.'
        : '- Client-specific: reuse needs generalising first.',
    );
  else
    out.push(t?.generic ? '- Built into the product core; no reuse revenue was counted.' : '- None planned.');
  out.push('');
  return out.join('\n');
}
