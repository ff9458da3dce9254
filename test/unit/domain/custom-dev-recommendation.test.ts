import { describe, expect, it } from 'vitest';
import { businessCase } from '../../../functions/domain/custom-dev/business-case.ts';
import {
  defaultEconomics,
  type Economics,
  economicsOf,
} from '../../../functions/domain/custom-dev/economics.ts';
import { type RecommendationInput, recommend } from '../../../functions/domain/custom-dev/recommendation.ts';
import type { CustomDevRequest } from '../../../functions/domain/custom-dev/request.ts';
import { specMarkdown, storiesOf } from '../../../functions/domain/custom-dev/spec.ts';
import {
  acceptsInputs,
  assertTransition,
  CDR_STATUSES,
  type Commercial,
  canTransition,
  type Technical,
} from '../../../functions/domain/custom-dev/types.ts';
import { HOSTILE_NAME, markdownStructure } from '../../support/markdown.ts';

// 1,000 a day, 20% maintenance a year, no discounting, 2 years (hand arithmetic in each case).
const e: Economics = {
  ...defaultEconomics,
  dayRate: 1000,
  maintenanceSharePerYear: 0.2,
  discountRate: 0,
  horizonYears: 2,
};
const tech = (over: Partial<Technical> = {}): Technical => ({
  verdict: 'feasible',
  effortDays: { optimistic: 18, likely: 20, pessimistic: 22 },
  dependencies: [],
  risks: [],
  generic: true,
  ...over,
});
const input = (t: Technical | null, c: Commercial | null, strategicFit = 4): RecommendationInput => ({
  technical: t,
  commercial: c,
  strategicFit,
  economics: e,
  businessCase: t && c ? businessCase(t, c, e) : null,
});
// 18/20/22 days: E = 20, σ = 0.67 (3%); cost = 20,000 + 2 × 4,000 = 28,000; pessimistic 22 days → 30,800
const price = (p: number): Commercial => ({ pricing: { model: 'fixed', price: p } });

describe('the recommendation rules', () => {
  it('missing inputs → needs-information, naming each missing one', () => {
    const r = recommend(input(null, null));
    expect(r.decision).toBe('needs-information');
    expect(r.reasons).toEqual([
      'The technical assessment (feasibility and effort) is not recorded yet.',
      'The commercial terms (pricing, reuse) are not recorded yet.',
    ]);
    expect(recommend(input(tech(), null)).reasons).toHaveLength(1);
  });

  it('an effort of 0 days or a price of 0 is information still missing, not a free lunch', () => {
    const zero = recommend(
      input(tech({ effortDays: { optimistic: 0, likely: 0, pessimistic: 0 } }), price(0)),
    );
    expect(zero).toMatchObject({ decision: 'needs-information', rule: 'missing-inputs' });
    expect(zero.reasons).toEqual([
      'The effort estimate is 0 days: record the optimistic, likely and pessimistic effort.',
      'The fixed price is 0: record the price the client pays.',
    ]);
    const share = recommend(
      input(tech(), { pricing: { model: 'revenue-share', percent: 5, projectedClientRevenuePerYear: 0 } }),
    );
    expect(share.reasons).toEqual([
      'The client’s projected revenue is 0: record it, or the revenue share is worth nothing.',
    ]);
  });

  it('not feasible → reject, whatever the numbers', () => {
    const r = recommend(input(tech({ verdict: 'not-feasible' }), price(0)));
    expect(r).toMatchObject({ decision: 'reject', rule: 'not-feasible' });
    expect(r.reasons[0]).toMatch(/not feasible/);
  });

  it('NPV below zero even with reuse → reject, with the NPV in the reason', () => {
    // 25,000 − 28,000 = −3,000; reuse 1 × 0.5 × 1,000 = 500 → −2,500
    const r = recommend(
      input(tech(), {
        ...price(25_000),
        reuse: { candidateClients: 1, adoptionProbability: 0.5, pricePerClient: 1_000 },
      }),
    );
    expect(r.decision).toBe('reject');
    expect(r.reasons).toEqual([
      'The net present value is -2,500.00 EUR even with the reuse revenue, below the minimum of 0.00 EUR.',
    ]);
  });

  it('the minimum NPV is the organisation’s threshold', () => {
    const strict = {
      ...input(tech(), price(32_000)),
      economics: { ...e, thresholds: { ...e.thresholds, minNpv: 5_000 } },
    };
    // NPV 4,000 < 5,000
    expect(recommend(strict).decision).toBe('reject');
  });

  it('positive and firm → approve, with the figures in the reasons', () => {
    // NPV = 32,000 − 28,000 = 4,000; pessimistic 32,000 − 30,800 = 1,200
    const r = recommend(input(tech(), price(32_000)));
    expect(r).toMatchObject({ decision: 'approve', rule: 'worth-it' });
    expect(r.reasons[0]).toBe(
      'The net present value is 4,000.00 EUR (pessimistic: 1,200.00 EUR), the margin 12.5%, paid back in month 0.',
    );
  });

  describe('positive but uncertain → approve-as-pilot, one reason per doubt', () => {
    it('a wide PERT spread', () => {
      // 5/20/65: E = (5 + 80 + 65)/6 = 25, σ = 10 → 40% > 25%; pessimistic cost 65,000 + 26,000 = 91,000 < 100,000
      const r = recommend(
        input(tech({ effortDays: { optimistic: 5, likely: 20, pessimistic: 65 } }), price(100_000)),
      );
      expect(r.decision).toBe('approve-as-pilot');
      expect(r.reasons).toEqual([
        'The effort estimate is uncertain: its standard deviation is 40% of the expected 25 days (above 25%).',
      ]);
    });
    it('a low strategic fit', () => {
      const r = recommend(input(tech(), price(32_000), 2));
      expect(r).toMatchObject({
        decision: 'approve-as-pilot',
        reasons: ['The strategic fit is 2 of 5, below 3.'],
      });
    });
    it('conditions', () => {
      const r = recommend(
        input(
          tech({ verdict: 'feasible-with-conditions', conditions: 'SSO via the client IdP' }),
          price(32_000),
        ),
      );
      expect(r.reasons).toEqual(['It is feasible only with conditions: SSO via the client IdP.']);
    });
    it('a pessimistic NPV below zero', () => {
      // NPV 29,000 − 28,000 = 1,000 ≥ 0; pessimistic 29,000 − 30,800 = −1,800
      const r = recommend(input(tech(), price(29_000)));
      expect(r.decision).toBe('approve-as-pilot');
      expect(r.reasons).toEqual([
        'With the pessimistic effort (22 days) the net present value is -1,800.00 EUR.',
      ]);
    });
  });
});

describe('the economics setting', () => {
  it('missing fields take the documented defaults; an unreadable stored value is the defaults', () => {
    expect(economicsOf({ dayRate: 950 })).toEqual({ ...defaultEconomics, dayRate: 950 });
    expect(economicsOf(undefined)).toEqual(defaultEconomics);
    expect(economicsOf({ dayRate: -1 })).toEqual(defaultEconomics);
  });
});

describe('the lifecycle', () => {
  it('allows submitted → assessing → recommended → approved → piloting and recommended → rejected', () => {
    expect(canTransition('submitted', 'assessing')).toBe(true);
    expect(canTransition('assessing', 'recommended')).toBe(true);
    expect(canTransition('assessing', 'assessment-failed')).toBe(true);
    expect(canTransition('recommended', 'approved')).toBe(true);
    expect(canTransition('recommended', 'rejected')).toBe(true);
    expect(canTransition('approved', 'piloting')).toBe(true);
  });
  it('refuses anything else with a StateConflictError (409) naming the state', () => {
    expect(() => assertTransition('submitted', 'approved', 'approve it')).toThrowError(
      /cannot approve it: the request is submitted/,
    );
    expect(() => assertTransition('rejected', 'assessing', 'reassess')).toThrowError(
      expect.objectContaining({ name: 'StateConflictError' }),
    );
    for (const s of CDR_STATUSES) expect(canTransition('rejected', s)).toBe(false);
  });
  it('inputs may change until a decision', () => {
    expect(CDR_STATUSES.filter(acceptsInputs)).toEqual([
      'submitted',
      'assessing',
      'recommended',
      'assessment-failed',
    ]);
  });
});

describe('the specification', () => {
  const t = tech({
    conditions: 'the client provides test data',
    dependencies: ['ERP API v3'],
    risks: ['API rate limits'],
    generic: false,
  });
  const c: Commercial = {
    pricing: { model: 'fixed', price: 32_000 },
    reuse: { candidateClients: 2, adoptionProbability: 0.5, pricePerClient: 5_000 },
  };
  const request: CustomDevRequest = {
    requestId: 'cdr-01J0000000000000000000000',
    client: 'City of Leeds',
    title: 'Export to the council ERP',
    problem: 'Invoices are re-typed by hand. It takes days.',
    requestedFunctionality: '- Export approved invoices nightly\n- Mark exported invoices',
    neededBy: '2026-12-20',
    timeZone: 'Europe/London',
    vertical: 'public sector',
    strategicFit: 4,
    tenderId: null,
    checklistItemId: null,
    evidenceIds: [],
    status: 'approved',
    technical: t,
    commercial: c,
    inputsRevision: 1,
    businessCase: businessCase(t, c, e),
    recommendation: null,
    assessmentError: null,
    decision: {
      decision: 'approve',
      reason: null,
      overridesRecommendation: false,
      by: 'carol',
      at: '2026-12-01T10:00:00Z',
    },
    specKey: null,
    pilot: null,
    version: 5,
    createdAt: '2026-11-30T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    createdBy: 'pat',
  };
  const md = specMarkdown(request, '2026-12-01T10:00:01Z');

  it('has every section, a user story per requested line with acceptance criteria', () => {
    for (const h of [
      '## Context and client',
      '## Problem',
      '## Requirements',
      '## Non-functional requirements',
      '## Out of scope',
      '## Estimate',
      '## Commercial terms',
      '## Reuse plan',
    ])
      expect(md).toContain(h);
    expect(storiesOf(request.requestedFunctionality)).toEqual([
      'Export approved invoices nightly',
      'Mark exported invoices',
    ]);
    expect(md).toContain(
      'As a user at City of Leeds, I want export approved invoices nightly, so that invoices are re-typed by hand.',
    );
    expect(md.match(/Acceptance criteria:/g)).toHaveLength(2);
    expect(md).toContain('- The condition of the technical assessment holds: the client provides test data');
  });
  it('carries the estimate, the terms and the reuse plan with their numbers', () => {
    expect(md).toContain('- PERT expected effort: 20 days, standard deviation 0.67 days');
    expect(md).toContain('- Fixed price: 32000 EUR');
    expect(md).toContain('- Dependency: ERP API v3');
    expect(md).toContain(
      '- 2 candidate clients, adoption probability 0.5, 5000 EUR each: expected 5,000.00 EUR over the horizon.',
    );
    expect(md).toContain('Generalising it for other clients');
  });

  it('keeps client text literal: a client name, title, problem and risks cannot inject a heading, a link or HTML', () => {
    const hostile = specMarkdown(
      {
        ...request,
        client: HOSTILE_NAME,
        title: `Export ${HOSTILE_NAME}`,
        problem: `${HOSTILE_NAME}. It takes days.`,
        requestedFunctionality: `- ${HOSTILE_NAME}`,
        technical: { ...t, risks: [HOSTILE_NAME], conditions: HOSTILE_NAME },
        decision: {
          ...(request.decision as NonNullable<CustomDevRequest['decision']>),
          reason: HOSTILE_NAME,
        },
      },
      '2026-12-01T10:00:01Z',
    );
    const s = markdownStructure(hostile);
    expect(s.headings.map((h) => h.split(':')[0])).toEqual([
      'Specification',
      'Context and client',
      'Problem',
      'Requirements',
      ...storiesOf(`- ${HOSTILE_NAME}`).map((_, i) => `Story ${i + 1}`),
      'Non-functional requirements',
      'Out of scope',
      'Estimate',
      'Commercial terms',
      'Reuse plan',
    ]);
    expect(s.images).toBe(0);
    expect(s.html).toEqual([]);
    expect(s.emphasis).toBe(0);
    for (const link of s.links) expect(link.text).toBe(link.url);
    expect(hostile).toContain(
      '- Client: Acme \\# Injected heading \\[click here\\](https://evil.example/phish)',
    );
  });
});
