import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { INSTRUMENTS, LOINC_SYSTEM, ORDINAL_VALUE_URL, PHQ9_DIFFICULTY } from './definitions.ts';
import { QUESTIONNAIRES } from './questionnaires.ts';
import { INSTRUMENT_IDS } from './types.ts';

// The JSON forms are what the app posts; they must say exactly what definitions.ts says.
describe.each(INSTRUMENT_IDS)('Questionnaire JSON for %s', (id) => {
  const def = INSTRUMENTS[id];
  const q = QUESTIONNAIRES[id];
  const scored = (q.item ?? []).filter((i) => i.type === 'choice' && i.code?.[0]?.code !== PHQ9_DIFFICULTY.loinc);

  it('is a Questionnaire with the canonical the app writes', () => {
    expect(q.resourceType).toBe('Questionnaire');
    expect(q.url).toBe(def.canonical);
    expect(q.status).toBe('active');
    if (def.panelCode) expect(q.code).toEqual([expect.objectContaining({ system: LOINC_SYSTEM, code: def.panelCode })]);
    else expect(q.code).toBeUndefined();
  });

  it('has the instrument items, same codes in the same order', () => {
    expect(scored.map((i) => i.code?.[0]?.code)).toEqual(def.items.map((i) => i.loinc));
    expect(scored.map((i) => i.text)).toEqual(def.items.map((i) => i.text));
    for (const item of scored) {
      expect(item.code?.[0]?.system).toBe(LOINC_SYSTEM);
      expect(item.required).toBe(true);
    }
  });

  it('offers the LA answers with their scores as ordinalValue', () => {
    for (const item of scored) {
      const options = (item.answerOption ?? []).map((o) => ({
        code: o.valueCoding?.code,
        display: o.valueCoding?.display,
        system: o.valueCoding?.system,
        score: o.extension?.find((e) => e.url === ORDINAL_VALUE_URL)?.valueDecimal,
      }));
      expect(options).toEqual(def.answers.map((a) => ({ ...a, system: LOINC_SYSTEM })));
    }
  });

  it('has unique linkIds', () => {
    const ids = (q.item ?? []).map((i: QuestionnaireItem) => i.linkId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries a read-only total item only when LOINC has a total code', () => {
    const total = (q.item ?? []).find((i) => i.type === 'integer');
    if (def.totalCode) {
      expect(total?.code?.[0]?.code).toBe(def.totalCode);
      expect(total?.readOnly).toBe(true);
    } else {
      expect(total).toBeUndefined();
    }
  });
});

describe('PHQ-9 difficulty question', () => {
  it('is in the PHQ-9 form, optional and unscored', () => {
    const item = QUESTIONNAIRES.phq9.item?.find((i) => i.code?.[0]?.code === PHQ9_DIFFICULTY.loinc);
    expect(item?.required).toBe(false);
    expect(item?.answerOption?.map((o) => o.valueCoding?.code)).toEqual(PHQ9_DIFFICULTY.answers.map((a) => a.code));
    expect(item?.answerOption?.every((o) => o.extension === undefined)).toBe(true);
  });
});
