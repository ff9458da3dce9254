import { describe, expect, it } from 'vitest';
import { PROCUREMENT_EVENT_TYPES } from '../../../functions/domain/deadlines/types.ts';
import type { components } from '../../../web/src/api/schema.d.ts';
import {
  citationPlace,
  EVENT_LABELS,
  EVENT_TYPES,
  otherWarnings,
  statusWords,
  UNVERIFIED_WARNING,
  unverifiedNote,
} from '../../../web/src/lib/deadline-words.ts';

type Deadline = components['schemas']['Deadline'];

const source = (over: Partial<Deadline['source']> = {}): Deadline['source'] => ({
  type: 'rule',
  ref: 'ru-44fz:contract-signing',
  ...over,
});

describe('deadlines in words', () => {
  it('labels every event type the API accepts, in words without hyphens', () => {
    expect([...EVENT_TYPES].sort()).toEqual([...PROCUREMENT_EVENT_TYPES].sort());
    for (const t of EVENT_TYPES) expect(EVENT_LABELS[t]).toMatch(/^[A-Z][a-z ]+[a-z]$/);
    expect(EVENT_LABELS['disagreements-protocol-posted']).toBe('We posted a protocol of disagreements');
  });

  it('names where the law says it, without the act’s long title', () => {
    const cited = source({
      citation: {
        act: 'Federal Law No. 44-FZ of 5 April 2013 «О контрактной системе…» (current consolidated text)',
        article: '51',
        part: '3',
        quote: 'не позднее пяти рабочих дней',
        verified: false,
      },
      verified: false,
    });
    expect(citationPlace({ source: cited })).toBe(
      'Federal Law No. 44-FZ of 5 April 2013, article 51, part 3',
    );
    expect(citationPlace({ source: source() })).toBeNull();
    expect(unverifiedNote({ source: cited })).toMatch(/^Not yet checked against the current text of the law/);
    expect(unverifiedNote({ source: source({ verified: true }) })).toBeNull();
  });

  it('shows the unverified note instead of the same warning, and other warnings as they are', () => {
    expect(otherWarnings({ warnings: [UNVERIFIED_WARNING, 'the zone is a guess'] })).toEqual([
      'the zone is a guess',
    ]);
    expect(statusWords('suspended')).toBe('on hold until the complaint is decided');
  });
});
