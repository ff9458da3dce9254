import { describe, expect, it } from 'vitest';
import { readRequiredValue } from '../../../../functions/domain/sheets/values.ts';

describe('a required value as a technical specification writes it', () => {
  it.each([
    [
      'не менее 16',
      '',
      { dataType: 'number', minValue: 16, maxValue: null, expectedValue: null, unit: null },
    ],
    ['не менее 16 Гбайт', '', { minValue: 16, unit: 'Гбайт' }],
    ['не менее 16', 'Гбайт', { minValue: 16, unit: 'Гбайт' }],
    ['Не менее 2,5 ГГц', '', { minValue: 2.5, unit: 'ГГц' }],
    ['≥ 23,8', 'дюйм', { minValue: 23.8, unit: 'дюйм' }],
    ['16 и более', 'шт.', { minValue: 16, unit: 'шт.' }],
    ['не більше 8', '', { dataType: 'number', minValue: null, maxValue: 8 }],
    ['не более 1 000 Вт', '', { maxValue: 1000, unit: 'Вт' }],
    ['at most 8 kg', '', { maxValue: 8, unit: 'kg' }],
    ['от 2 до 4', '', { minValue: 2, maxValue: 4, expectedValue: null }],
    ['від 2 до 4 шт', '', { minValue: 2, maxValue: 4, unit: 'шт' }],
    ['от -10 до +40 °C', '', { minValue: -10, maxValue: 40, unit: '°C' }],
    ['2–4', '', { minValue: 2, maxValue: 4 }],
    ['не менее 8 и не более 16', 'Гбайт', { minValue: 8, maxValue: 16, unit: 'Гбайт' }],
    ['at least 2, at most 4', '', { minValue: 2, maxValue: 4 }],
    ['не менее 2,5 и не более 4,5', 'ГГц', { minValue: 2.5, maxValue: 4.5 }],
    ['16', '', { dataType: 'number', expectedValue: 16, minValue: null, maxValue: null }],
    ['16 Гбайт', '', { expectedValue: 16, unit: 'Гбайт' }],
    ['0,5', 'мм', { expectedValue: 0.5, unit: 'мм' }],
  ])('%s %s', (value, unit, expected) => {
    expect(readRequiredValue(value, unit)).toMatchObject({ ...expected, caveat: null });
  });

  it.each([
    ['да', true],
    ['Наличие', true],
    ['наявність', true],
    ['Yes', true],
    ['нет', false],
    ['Отсутствие', false],
  ])('%s is yes or no', (value, flag) => {
    expect(readRequiredValue(value)).toMatchObject({ dataType: 'boolean', expectedValue: flag });
  });

  it('keeps any other text as the expected text, the unit column with it', () => {
    expect(readRequiredValue('IPS', '')).toMatchObject({ dataType: 'string', expectedValue: 'IPS' });
    expect(readRequiredValue('1920x1080', 'пикс.')).toMatchObject({
      dataType: 'string',
      expectedValue: '1920x1080',
      unit: 'пикс.',
    });
    expect(readRequiredValue('не менее 23,8 дюйма, матрица IPS')).toMatchObject({
      dataType: 'string',
      expectedValue: 'не менее 23,8 дюйма, матрица IPS',
    });
  });

  it('asks for a number but says a strict bound is not checked (minValue and maxValue are inclusive)', () => {
    const v = readRequiredValue('более 8', 'ядер');
    expect(v).toMatchObject({ dataType: 'number', minValue: null, maxValue: null, unit: 'ядер' });
    expect(v?.caveat).toMatch(/strict bound/);
  });

  it('is nothing for an empty cell', () => {
    expect(readRequiredValue('  ', 'шт')).toBeNull();
  });
});
