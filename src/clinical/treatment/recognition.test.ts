import { describe, expect, it } from 'vitest';
import { ICD10_F_BLOCKS, SNOMED_BEHAVIORAL } from './codes/conditionCodes.ts';
import { PSYCHOTROPICS } from './codes/medicationCodes.ts';
import { ICD10_CM_SYSTEM, RXNORM_SYSTEM, SNOMED_SYSTEM } from './codes/systems.ts';
import { icd10Category, recognizeDiagnosis } from './recognizeDiagnosis.ts';
import { ingredientsInText, recognizePsychotropic } from './recognizeMedication.ts';

const icd = (code: string, display?: string) => ({ coding: [{ system: ICD10_CM_SYSTEM, code, ...(display ? { display } : {}) }] });
const rx = (code: string, display?: string) => ({ coding: [{ system: RXNORM_SYSTEM, code, ...(display ? { display } : {}) }] });

describe('ICD-10-CM chapter 5 categories', () => {
  it.each([
    ['F32.1', 'depressive'],
    ['F33.1', 'depressive'],
    ['F32A', 'depressive'],
    ['F34.1', 'depressive'],
    ['F34.0', 'bipolar'],
    ['F31.81', 'bipolar'],
    ['F41.1', 'anxiety'],
    ['F40.10', 'anxiety'],
    ['F42.2', 'obsessive-compulsive'],
    ['F43.10', 'trauma-stressor'],
    ['F43.23', 'trauma-stressor'],
    ['F10.20', 'substance-use'],
    ['F20.9', 'psychotic'],
    ['F90.0', 'neurodevelopmental'],
    ['F50.00', 'eating'],
    ['F60.3', 'personality'],
    ['F99', 'other-mental'],
    ['f411', 'anxiety'],
  ])('%s is %s', (code, category) => {
    expect(icd10Category(code)).toBe(category);
  });

  it.each(['I10', 'E11.9', 'Z13.31', 'F', 'F3', 'FX1.1', ''])('%s is not a behavioural diagnosis', (code) => {
    expect(icd10Category(code)).toBeUndefined();
  });

  it('covers every block F01-F99 exactly once', () => {
    for (let n = 1; n <= 99; n++)
      expect(
        ICD10_F_BLOCKS.filter((b) => n >= b.from && n <= b.to),
        `F${n}`,
      ).toHaveLength(1);
  });
});

describe('recognizeDiagnosis', () => {
  it('prefers ICD-10-CM, then SNOMED CT, then the name', () => {
    expect(recognizeDiagnosis(icd('F33.1'))).toEqual({ category: 'depressive', by: 'icd-10-cm' });
    expect(recognizeDiagnosis({ coding: [{ system: SNOMED_SYSTEM, code: '21897009' }] })).toEqual({ category: 'anxiety', by: 'snomed' });
    expect(recognizeDiagnosis({ text: 'Depression with anxious distress' })).toEqual({ category: 'depressive', by: 'name' });
    expect(recognizeDiagnosis({ coding: [{ system: SNOMED_SYSTEM, code: '999999999', display: 'Panic disorder with agoraphobia' }] })).toEqual({ category: 'anxiety', by: 'name' });
  });

  it('trusts an ICD-10 code outside chapter 5 over a word in the name', () => {
    expect(recognizeDiagnosis({ ...icd('R45.2', 'Unhappiness'), text: 'feels depressed' })).toBeUndefined();
    expect(recognizeDiagnosis(icd('I10', 'Essential hypertension'))).toBeUndefined();
  });

  it('does not mistake unrelated words', () => {
    expect(recognizeDiagnosis({ text: 'Type 2 diabetes mellitus' })).toBeUndefined();
    expect(recognizeDiagnosis({ text: 'Depressed skull fracture' })).toEqual({ category: 'depressive', by: 'name' }); // known limit: words are words
    expect(recognizeDiagnosis(undefined)).toBeUndefined();
  });

  it('has unique SNOMED ids', () => {
    expect(new Set(SNOMED_BEHAVIORAL.map((c) => c.code)).size).toBe(SNOMED_BEHAVIORAL.length);
  });
});

describe('recognizePsychotropic', () => {
  it('recognises RxNorm ingredient codes', () => {
    const drug = recognizePsychotropic(rx('36437'));
    expect(drug).toMatchObject({ name: 'sertraline', class: 'ssri', by: 'rxnorm-ingredient' });
    expect(recognizePsychotropic(rx('89013'))?.class).toBe('antipsychotic');
    expect(recognizePsychotropic(rx('6448'))?.class).toBe('mood-stabilizer');
  });

  it('recognises a product (SCD/SBD) code by the ingredient in its display', () => {
    expect(recognizePsychotropic(rx('999001', 'escitalopram 10 MG Oral Tablet'))).toMatchObject({ name: 'escitalopram', by: 'coded-product-name' });
    expect(recognizePsychotropic(rx('999002', '24 HR bupropion hydrochloride 150 MG Extended Release Oral Tablet [Wellbutrin]'))).toMatchObject({ name: 'bupropion' });
  });

  it('falls back to generic and brand names without a code', () => {
    expect(recognizePsychotropic({ text: 'Zoloft 50mg tab' })).toMatchObject({ name: 'sertraline', by: 'name' });
    expect(recognizePsychotropic(undefined, ['LEXAPRO 20 MG'])).toMatchObject({ name: 'escitalopram', by: 'name' });
  });

  it('keeps look-alike names apart', () => {
    expect(ingredientsInText('escitalopram 10 mg').map((i) => i.name)).toEqual(['escitalopram']);
    expect(ingredientsInText('citalopram 20 mg').map((i) => i.name)).toEqual(['citalopram']);
    expect(ingredientsInText('desvenlafaxine 50 mg').map((i) => i.name)).toEqual(['desvenlafaxine']);
    expect(ingredientsInText('divalproex sodium 500 MG').map((i) => i.name)).toEqual(['divalproex sodium']);
  });

  it('names both ingredients of a combination product, in order', () => {
    const drug = recognizePsychotropic({ text: 'olanzapine 6 MG / fluoxetine 25 MG Oral Capsule' });
    expect(drug?.name).toBe('olanzapine / fluoxetine');
    expect(drug?.key).toBe('fluoxetine / olanzapine');
  });

  it('leaves other medications alone', () => {
    expect(recognizePsychotropic(rx('29046', 'lisinopril'))).toBeUndefined();
    expect(recognizePsychotropic({ text: 'atorvastatin 20 MG Oral Tablet' })).toBeUndefined();
  });

  it('has unique names and RxCUIs', () => {
    const cuis = PSYCHOTROPICS.filter((i) => i.rxcui).map((i) => i.rxcui);
    expect(new Set(cuis).size).toBe(cuis.length);
    const names = PSYCHOTROPICS.flatMap((i) => [i.name, ...i.aliases].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
    for (const i of PSYCHOTROPICS) if (i.rxcui) expect(i.rxcuiSource, i.name).toBeDefined();
  });
});
