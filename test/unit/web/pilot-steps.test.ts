import { describe, expect, it } from 'vitest';
import { PILOT_TRANSITIONS } from '../../../functions/domain/pilots/lifecycle.ts';
import { createBody, emptyCriterion, emptyPilotForm, numberOf } from '../../../web/src/lib/pilot-form.ts';
import { PILOT_STEPS, stepsFor } from '../../../web/src/lib/pilots.ts';
import type { Session } from '../../../web/src/lib/session.ts';

const session = (role: Session['roles'][number]): Session => ({
  token: 't',
  org: 'o',
  user: 'u',
  roles: [role],
  expiresAt: 0,
});

describe('the pilot screens', () => {
  it('offer exactly the lifecycle steps the domain allows, to the roles it allows them', () => {
    expect(PILOT_STEPS).toEqual(PILOT_TRANSITIONS);
    expect(stepsFor('draft', session('product-manager')).map((s) => s.to)).toEqual(['stopped']);
    expect(stepsFor('draft', session('approver')).map((s) => s.to)).toEqual(['scoped', 'stopped']);
    expect(stepsFor('draft', session('viewer'))).toEqual([]);
    expect(stepsFor('extended', session('bid-manager')).map((s) => [s.to, s.needs])).toEqual([
      ['active', 'endDate'],
      ['stopped', 'reason'],
    ]);
    expect(stepsFor('converted', session('admin'))).toEqual([]);
  });

  it('never send NaN: an empty or unreadable number is left out for the API to name', () => {
    expect([numberOf(''), numberOf(' '), numberOf('1e3'), numberOf('-2.5'), numberOf('12abc')]).toEqual([
      undefined,
      undefined,
      1000,
      -2.5,
      undefined,
    ]);
    const form = {
      ...emptyPilotForm(),
      scopeIn: ' Bus timetables \n\n GTFS export ',
      criteria: [
        { ...emptyCriterion(), metric: 'Delay', unit: 'h', baseline: '72', target: '', targetMax: '9' },
      ],
    };
    const body = createBody(form, {});
    expect(body.scopeIn).toEqual(['Bus timetables', 'GTFS export']);
    expect(body.criteria[0]).toEqual({
      metric: 'Delay',
      unit: 'h',
      baseline: 72,
      target: undefined,
      comparator: 'gte',
      weight: 1,
      mustPass: false,
    });
    expect(JSON.parse(JSON.stringify(body.criteria[0]))).not.toHaveProperty('target');
    expect(body).not.toHaveProperty('cost');
    expect(body).not.toHaveProperty('owner');
  });
});
