import { describe, expect, it } from 'vitest';
import type { components } from '../../../web/src/api/schema.d.ts';
import {
  type CustomDevRequest,
  figureText,
  isRunning,
  linkedRequest,
  neededByText,
  nextStep,
  numberOf,
} from '../../../web/src/lib/custom-dev-model.ts';
import type { Role, Session } from '../../../web/src/lib/session.ts';

const session = (role: Role): Session => ({ token: 't', org: 'o', user: 'u', roles: [role], expiresAt: 0 });
const request = (over: Partial<CustomDevRequest>): CustomDevRequest => ({
  requestId: 'cdr-1',
  client: 'Bergen kommune',
  title: 'Export invoices',
  problem: 'p',
  requestedFunctionality: 'f',
  neededBy: '2031-03-31',
  timeZone: 'Europe/Oslo',
  vertical: null,
  strategicFit: 4,
  tenderId: null,
  checklistItemId: null,
  evidenceIds: [],
  status: 'submitted',
  technical: null,
  commercial: null,
  inputsRevision: 0,
  businessCase: null,
  recommendation: null,
  assessmentError: null,
  decision: null,
  specKey: null,
  pilot: null,
  version: 1,
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  createdBy: 'petra',
  ...over,
});
const decided = (decision: 'approve' | 'approve-as-pilot') => ({
  decision,
  reason: null,
  overridesRecommendation: false,
  by: 'arne',
  at: '2026-12-01T01:00:00Z',
});

describe('the request screens’ model', () => {
  it('says whose turn it is, per status and role', () => {
    const r = request({});
    expect(nextStep(r, session('product-manager'))).toBe(
      'Record the technical assessment and the commercial terms: the business case and a recommendation follow.',
    );
    expect(nextStep(r, session('viewer'))).toMatch(/^Waiting for a product manager/);
    const recommended = request({ status: 'recommended' });
    expect(nextStep(recommended, session('approver'))).toMatch(/decide below/);
    expect(nextStep(recommended, session('viewer'))).toMatch(/waiting for an approver/);
    expect(nextStep(request({ status: 'assessment-failed' }), session('product-manager'))).toMatch(
      /correct an input/,
    );
  });

  it('polls while a workflow runs: assessing, the specification being written, the pilot being drafted', () => {
    expect(isRunning(request({ status: 'assessing' }))).toBe(true);
    expect(isRunning(request({ status: 'recommended' }))).toBe(false);
    expect(isRunning(request({ status: 'approved', decision: decided('approve') }))).toBe(true);
    expect(isRunning(request({ status: 'approved', decision: decided('approve'), specKey: 'k' }))).toBe(
      false,
    );
    const pilot = request({ status: 'approved', decision: decided('approve-as-pilot'), specKey: 'k' });
    expect(isRunning(pilot)).toBe(true);
    expect(isRunning({ ...pilot, pilot: { note: 'n', at: 'a', pilotId: 'p-1' } })).toBe(false);
    // a follow-up that failed to start is said on the request: no endless polling
    expect(
      isRunning({
        ...pilot,
        assessmentError: { error: 'StartFailed', cause: 'c', stage: 'decision' },
      }),
    ).toBe(false);
  });

  it('reads typed numbers without ever producing NaN', () => {
    expect(numberOf('12.5')).toBe(12.5);
    expect(numberOf(' 7,5 ')).toBe(7.5);
    expect(numberOf('')).toBeNull();
    expect(numberOf('ten')).toBeNull();
    expect(numberOf('Infinity')).toBeNull();
  });

  it('formats figures and dates as the case and the request state them', () => {
    expect(figureText({ value: -1234.5, unit: 'money', formula: '', inputs: {} }, 'EUR')).toBe('-€1,234.50');
    expect(figureText({ value: 0.5733, unit: 'ratio', formula: '', inputs: {} }, 'EUR')).toBe('57.33%');
    expect(figureText({ value: 0, unit: 'month', formula: '', inputs: {} }, 'EUR')).toBe(
      'at delivery (month 0)',
    );
    expect(figureText({ value: null, unit: 'month', formula: '', inputs: {} }, 'EUR')).toBe(
      'not within the horizon',
    );
    expect(neededByText(request({}))).toBe('31 Mar 2031, end of day (Europe/Oslo)');
    expect(neededByText(request({ neededBy: null }))).toBe('—');
  });

  it('finds the request a checklist item links to, and nothing on an unlinked item', () => {
    const item: components['schemas']['ChecklistItem'] = {
      itemId: 'i',
      key: 'C1/G1/R1',
      criterionId: 'C1',
      groupId: 'G1',
      requirementId: 'R1',
      title: { en: 't' },
      classification: null,
      dataType: null,
      category: 'selection-technical',
      obligation: 'tenderer',
      lotIds: [],
      status: 'open',
      owner: null,
      dueAt: null,
      answer: null,
      compliant: null,
      nonComplianceReason: null,
      version: 2,
    };
    expect(linkedRequest({ ...item, customDevRequest: { requestId: 'cdr-9', status: 'submitted' } })).toEqual(
      {
        requestId: 'cdr-9',
        status: 'submitted',
      },
    );
    expect(linkedRequest(item)).toBeUndefined();
  });
});
