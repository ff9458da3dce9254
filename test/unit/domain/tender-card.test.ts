import { describe, expect, it } from 'vitest';
import { normalizeRelease } from '../../../functions/domain/ocds/normalize.ts';
import { tenderCard } from '../../../functions/domain/tender-card.ts';

describe('tenderCard', () => {
  it('leaves a normal tender untouched', () => {
    const t = normalizeRelease({ ocid: 'o', tender: { title: 'T', description: 'short' } }, 'o');
    expect(tenderCard(t)).toEqual(t);
  });

  it('clips long lot descriptions and caps warnings so the item stays under the table limit', () => {
    const t = normalizeRelease(
      {
        ocid: 'o',
        tender: {
          lots: Array.from({ length: 400 }, (_, i) => ({
            id: `L${i}`,
            description: 'd'.repeat(6000),
            value: { amount: 'x' },
          })),
        },
      },
      'o',
    );
    const card = tenderCard({
      ...t,
      warnings: Array.from({ length: 2000 }, (_, i) => ({ path: `p${i}`, message: 'm' })),
    });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(300 * 1024);
    expect(card.lots).toHaveLength(400);
    expect(card.warnings).toHaveLength(501);
    expect(card.clipped).toContain('warnings');
  });
});
