import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../functions/lib/errors.ts';
import { decodeCursor, encodeCursor } from '../../../functions/store/cursor.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const rejected = (cursor: string, field: string, partition: string, ok?: (sk: string) => boolean) => {
  try {
    decodeCursor(cursor, field, partition, ok);
  } catch (e) {
    return e instanceof HttpError && e.status === 400 && e.errors[0]?.path === 'query:cursor';
  }
  return false;
};

describe('decodeCursor', () => {
  const list = 'ORG#acme#TENDERS';
  const gsiKey = { PK: 'ORG#acme#TENDER#t-1', SK: 'TENDER', GSI1PK: list, GSI1SK: '2026-01-01#t-1' };

  it('reads back what encodeCursor wrote', () => {
    expect(decodeCursor(encodeCursor(gsiKey) ?? '', 'GSI1PK', list)).toEqual(gsiKey);
    const tableKey = { PK: 'ORG#acme#TENDER#t-1', SK: 'ITEM#i-1' };
    expect(decodeCursor(b64(tableKey), 'PK', tableKey.PK, (sk) => sk.startsWith('ITEM#'))).toEqual(tableKey);
  });

  it('rejects the right partition with the wrong key shape (400 query:cursor)', () => {
    expect(rejected(b64({ GSI1PK: list }), 'GSI1PK', list)).toBe(true);
    expect(rejected(b64({ ...gsiKey, extra: 'x' }), 'GSI1PK', list)).toBe(true);
    expect(rejected(b64({ ...gsiKey, GSI1SK: 7 }), 'GSI1PK', list)).toBe(true);
    expect(rejected(b64({ ...gsiKey, GSI1SK: '' }), 'GSI1PK', list)).toBe(true);
    expect(rejected(b64({ ...gsiKey, SK: 'x'.repeat(5000) }), 'GSI1PK', list)).toBe(true);
    expect(rejected(b64({ PK: list, SK: 'x', GSI2PK: list, GSI2SK: 'y' }), 'GSI1PK', list)).toBe(true);
    expect(
      rejected(b64({ PK: 'ORG#acme#TENDER#t', SK: 'x' }), 'PK', 'ORG#acme#TENDER#t', (sk) =>
        sk.startsWith('ITEM#'),
      ),
    ).toBe(true);
  });

  it('rejects another partition, another organisation and non-JSON', () => {
    expect(rejected(b64({ ...gsiKey, GSI1PK: 'ORG#other#TENDERS' }), 'GSI1PK', list)).toBe(true);
    expect(rejected(b64({ ...gsiKey, PK: 'ORG#other#TENDER#t-1' }), 'GSI1PK', list)).toBe(true);
    expect(rejected('%%%', 'GSI1PK', list)).toBe(true);
    expect(rejected(b64([gsiKey]), 'GSI1PK', list)).toBe(true);
  });
});
