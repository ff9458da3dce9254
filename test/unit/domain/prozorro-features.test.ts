import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../functions/domain/checklist/answer.ts';
import { intakeDocument } from '../../../functions/domain/checklist/intake.ts';
import { readExample } from '../../support/fixtures.ts';

const PROZORRO = 'prozorro-api-tender_to_render-aboveThresholdEU-active.tendering.json';
type Json = Record<string, unknown>;
const intake = (doc: unknown) => {
  const [one] = intakeDocument(doc);
  if (!one) throw new Error('no tender');
  return one;
};

describe('Prozorro features (non-price criteria the bidder declares) become checklist items', () => {
  it('one per feature: the tenderer, the lot, the lot of the item; the values listed and checked', () => {
    const { requirements } = intake(readExample(PROZORRO));
    const features = requirements.filter((r) => r.criterionId.includes('features['));
    expect(features.map((r) => [r.key, r.obligation, r.lotIds])).toEqual([
      ['features[4dbcc0141e9440ae91c23a796750db38]/0/0', 'tenderer', []],
      [
        'lots[268c0b11caf3a45ecb178e92ea36b9c4].features[4dbcc0141e9440ae91c23a796750db37]/0/0',
        'lot',
        ['268c0b11caf3a45ecb178e92ea36b9c4'],
      ],
      [
        'lots[268c0b11caf3a45ecb178e92ea36b9c4].features[4dbcc0141e9440ae91c23a796750db39]/0/0',
        'lot',
        ['268c0b11caf3a45ecb178e92ea36b9c4'],
      ],
    ]);
    const vat = features[0];
    if (!vat) throw new Error('no feature');
    expect(vat).toMatchObject({ title: { uk: 'Сплата учасником ПДВ' }, dataType: 'number', mandatory: true });
    expect(vat.description.uk).toContain('0.2 (20 %): учасник-платник ПДВ');
    expect(checkAnswer(vat, 0.2)).toMatchObject({ ok: true, compliant: true });
    expect(checkAnswer(vat, 0.5)).toMatchObject({ ok: true, compliant: false });
  });

  it('a feature it cannot read is named in a warning', () => {
    const doc = structuredClone(readExample(PROZORRO)) as Json;
    doc.features = [{ code: 'f1', featureOf: 'bidder', title: 'Warranty', enum: [{ value: 'x' }] }, 7];
    const { tender, requirements } = intake(doc);
    expect(requirements.find((r) => r.criterionId === 'features[f1]')?.obligation).toBe('tenderer');
    expect(tender.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining(['features[0].featureOf', 'features[0].enum[0]', 'features[1]']),
    );
  });
});
