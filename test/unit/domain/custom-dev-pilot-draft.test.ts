import { describe, expect, it } from 'vitest';
import { draftPilotFrom, pilotIdOfRequest } from '../../../functions/domain/custom-dev/pilot-draft.ts';
import { newRequest } from '../../../functions/domain/custom-dev/request.ts';
import { scopingProblems, scopingWarnings } from '../../../functions/domain/pilots/scoping.ts';
import { PilotInput } from '../../../functions/domain/pilots/types.ts';

const request = (over: Partial<Parameters<typeof newRequest>[0]> = {}) =>
  newRequest({
    requestId: 'cdr-01JAAAAAAAAAAAAAAAAAAAAAAA',
    client: 'Lviv City Council',
    title: 'Ukrainian localisation of the bid portal',
    problem: 'The tender requires every screen and document in Ukrainian.',
    requestedFunctionality: '- Ukrainian UI strings\n- Ukrainian PDF exports\n\n2) Date formats per DSTU',
    neededBy: '2027-01-20',
    timeZone: 'Europe/Kyiv',
    vertical: null,
    strategicFit: 2,
    tenderId: 't-0123456789abcdef01234567',
    checklistItemId: null,
    evidenceIds: [],
    createdBy: 'pat',
    at: '2026-12-01T10:00:00.000Z',
    ...over,
  });

describe('the draft pilot a request approved as a pilot starts', () => {
  it('carries client, objective and scope over, links back, and passes the pilot scoping checks', () => {
    const draft = draftPilotFrom(request(), '2026-12-01', 90);
    expect(draft).toMatchObject({
      client: 'Lviv City Council',
      title: 'Pilot: Ukrainian localisation of the bid portal',
      scopeIn: ['Ukrainian UI strings', 'Ukrainian PDF exports', 'Date formats per DSTU'],
      tenderId: 't-0123456789abcdef01234567',
      startDate: '2026-12-15',
      endDate: '2027-02-13',
    });
    expect(draft.objective).toContain('every screen and document in Ukrainian');
    const parsed = PilotInput.parse(draft);
    expect(scopingProblems(parsed)).toEqual([]);
    expect(scopingWarnings(parsed, { maxLengthDays: 90 })).toEqual([
      expect.stringMatching(/^no-conversion-terms:/),
    ]);
  });

  it('has an id derived from the request, of the pilot id shape, that no hand-made pilot has', () => {
    const id = pilotIdOfRequest('cdr-01JAAAAAAAAAAAAAAAAAAAAAAA');
    expect(id).toMatch(/^p-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(pilotIdOfRequest('cdr-01JAAAAAAAAAAAAAAAAAAAAAAA')).toBe(id);
    expect(pilotIdOfRequest('cdr-01JAAAAAAAAAAAAAAAAAAAAAAB')).not.toBe(id);
    // the link itself is made by the workflow (createDraftPilot's ofRequest), not carried in the input
    expect(draftPilotFrom(request(), '2026-12-01', 90)).not.toHaveProperty('customDevRequestId');
  });

  it("is never longer than the organisation's maximum pilot length", () => {
    const draft = draftPilotFrom(request(), '2026-12-01', 30);
    expect([draft.startDate, draft.endDate]).toEqual(['2026-12-15', '2027-01-14']);
  });

  it('keeps one-line functionality whole and a request without a tender tender-less', () => {
    const draft = draftPilotFrom(
      request({ requestedFunctionality: 'Export to the Prozorro format', tenderId: null }),
      '2026-12-01',
      90,
    );
    expect(draft.scopeIn).toEqual(['Export to the Prozorro format']);
    expect(draft).not.toHaveProperty('tenderId');
  });
});
