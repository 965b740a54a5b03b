import { describe, expect, it } from 'vitest';
import { parseStrength, readDose, sameDose } from './dose.ts';

describe('readDose', () => {
  it('reads a structured mg dose with its timing', () => {
    const dose = readDose(
      { doseAndRate: [{ doseQuantity: { value: 25, unit: 'mg' } }], timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } },
      'sertraline 25 MG Oral Tablet',
    );
    expect(dose).toMatchObject({ amount: 25, unit: 'mg', timesPerDay: 2, source: 'structured', label: '25 mg twice daily' });
  });

  it('multiplies a tablet count by the product strength', () => {
    expect(readDose({ doseAndRate: [{ doseQuantity: { value: 2, unit: 'tablet' } }] }, 'sertraline 50 MG Oral Tablet')).toMatchObject({
      amount: 100,
      unit: 'mg',
      source: 'structured',
    });
    expect(readDose({ text: 'Take 1.5 tablets by mouth daily' }, 'sertraline 100 MG Oral Tablet')).toMatchObject({ amount: 150, source: 'text', timesPerDay: 1 });
  });

  it('reads the dose from text when it is only there', () => {
    expect(readDose({ text: '100 mg by mouth once daily' }, 'Zoloft')).toMatchObject({ amount: 100, unit: 'mg', source: 'text', label: '100 mg' });
    expect(readDose({ text: 'lorazepam 0.5mg at bedtime as needed for anxiety' }, 'lorazepam')).toMatchObject({ amount: 0.5, asNeeded: true, label: '0.5 mg as needed' });
  });

  it('falls back to the product strength, and to nothing', () => {
    expect(readDose(undefined, 'escitalopram 10 MG Oral Tablet')).toMatchObject({ amount: 10, source: 'product' });
    expect(readDose({ text: 'as directed' }, 'Prozac')).toBeUndefined();
    expect(readDose({ doseAndRate: [{ doseQuantity: { value: -1, unit: 'mg' } }] }, undefined)).toBeUndefined();
  });

  it('compares daily amounts when both frequencies are known', () => {
    const a = readDose({ text: '25 mg twice daily' }, undefined)!;
    const b = readDose({ text: '50 mg daily' }, undefined)!;
    const c = readDose({ text: '50 mg' }, undefined)!;
    expect(sameDose(a, b)).toBe(true);
    expect(sameDose(b, c)).toBe(true);
    expect(sameDose(c, readDose({ text: '100 mg' }, undefined)!)).toBe(false);
  });

  it('parses strengths in their many spellings', () => {
    expect(parseStrength('0,5 MG')).toEqual({ amount: 0.5, unit: 'mg' });
    expect(parseStrength('150mg ER')).toEqual({ amount: 150, unit: 'mg' });
    expect(parseStrength('12 mcg patch')).toEqual({ amount: 12, unit: 'mcg' });
    expect(parseStrength('take 2')).toBeUndefined();
  });
});
