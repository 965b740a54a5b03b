import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GAD7, PHQ9 } from '../instruments/definitions.ts';
import { severityOf } from '../scoring/severity.ts';
import { type AnswerStyle, formResponse, type LinkIdStyle, observation, totalQuantity } from '../testing/fhirBuilders.ts';
import { readAdministrations } from './readAdministrations.ts';

const score = fc.integer({ min: 0, max: 3 });
const linkIds = fc.constantFrom<LinkIdStyle>('loinc', 'us-core', 'lhc');
const answers = fc.constantFrom<AnswerStyle>('coding', 'coding+ordinal', 'integer', 'decimal', 'string');
const instrument = fc.constantFrom(PHQ9, GAD7);

describe('reader invariants', () => {
  it('a complete form totals the sum of its item scores, with severity of that total', () => {
    fc.assert(
      fc.property(instrument, fc.array(score, { minLength: 9, maxLength: 9 }), linkIds, answers, (def, scores, l, a) => {
        const items = scores.slice(0, def.items.length);
        const [adm] = readAdministrations({ questionnaireResponses: [formResponse(def, items, { linkIds: l, answers: a })] }).administrations;
        const sum = items.reduce((x, y) => x + y, 0);
        expect(adm?.completeness).toBe('complete');
        expect(adm?.total).toBe(sum);
        expect(adm?.items.map((i) => i.score)).toEqual(items);
        expect(adm?.severity).toEqual(severityOf(def, sum));
      }),
    );
  });

  it('missing items: prorated within the limit, incomplete beyond it, never a silent 0', () => {
    fc.assert(
      fc.property(instrument, fc.array(fc.option(score, { nil: null }), { minLength: 9, maxLength: 9 }), (def, raw) => {
        const items = raw.slice(0, def.items.length);
        const [adm] = readAdministrations({ questionnaireResponses: [formResponse(def, items)] }).administrations;
        const answered = items.filter((s): s is number => s !== null);
        const missing = items.length - answered.length;
        const limit = def.id === 'phq9' ? 2 : 1;
        if (answered.length === 0) {
          expect(adm).toBeUndefined();
        } else if (missing === 0) {
          expect(adm?.completeness).toBe('complete');
        } else if (missing <= limit) {
          expect(adm?.completeness).toBe('prorated');
          expect(adm?.total).toBe(Math.round((answered.reduce((x, y) => x + y, 0) / answered.length) * items.length));
        } else {
          expect(adm?.completeness).toBe('incomplete');
          expect(adm?.total).toBeUndefined();
        }
      }),
    );
  });

  it('reading is independent of input order', () => {
    const form = (id: string, scores: number[], authored: string) => formResponse(PHQ9, scores, { id, authored });
    const responses = [
      form('a', [1, 1, 1, 1, 1, 1, 1, 1, 0], '2024-01-01T10:00:00Z'),
      form('b', [2, 2, 2, 2, 2, 2, 2, 2, 1], '2024-02-01T10:00:00-05:00'),
      form('c', [0, 0, 0, 0, 0, 0, 0, 0, 0], '2024-02-01T10:00:00-05:00'),
    ];
    const observations = [
      observation({ id: 'oa', code: '44261-6', derivedFrom: ['QuestionnaireResponse/a'], value: totalQuantity(8) }),
      observation({ id: 'ob', code: '44261-6', effective: '2024-02-01', value: totalQuantity(17) }),
      observation({ id: 'oc', code: '44261-6', effective: '2024-02-01', value: totalQuantity(17) }),
      observation({ id: 'i9', code: '44260-8', effective: '2024-03-01', value: { valueInteger: 1 } }),
      observation({ id: 'g', code: '70274-6', effective: '2024-03-01', value: totalQuantity(9) }),
      observation({ id: 'bad', code: '44261-6', effective: '2024-03-02', value: totalQuantity(40) }),
      observation({ id: 'eie', code: '44261-6', status: 'entered-in-error', value: totalQuantity(3) }),
    ];
    const expected = readAdministrations({ questionnaireResponses: responses, observations });
    expect(expected.administrations.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(fc.shuffledSubarray(responses, { minLength: 3 }), fc.shuffledSubarray(observations, { minLength: 7 }), (qrs, obs) => {
        expect(readAdministrations({ questionnaireResponses: qrs, observations: obs })).toEqual(expected);
      }),
    );
  });

  it('administrations come out sorted by instant', () => {
    fc.assert(
      fc.property(fc.array(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), { maxLength: 8 }), (dates) => {
        const observations = dates.map((d, i) => observation({ id: `o${i}`, code: '70274-6', effective: d.toISOString(), value: totalQuantity(i % 22) }));
        const instants = readAdministrations({ observations }).administrations.map((a) => a.instant ?? 0);
        expect(instants).toEqual([...instants].sort((x, y) => x - y));
      }),
    );
  });
});
