import { readFileSync } from 'node:fs';
import type { Observation, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { GAD7, PHQ2, PHQ9 } from '../instruments/definitions.ts';
import { type AnswerStyle, formResponse, type LinkIdStyle, phq9Form } from '../testing/fhirBuilders.ts';
import { readAdministrations } from './readAdministrations.ts';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

describe('US Core PHQ-9 example shapes', () => {
  const qr = fixture<QuestionnaireResponse>('us-core-phq9-response.json');
  const observations = fixture<Observation[]>('us-core-phq9-observations.json');

  it('reads the form: item codes from "/44250-9" linkIds, total item, difficulty', () => {
    const { administrations, unreadable } = readAdministrations({ questionnaireResponses: [qr] });
    expect(unreadable).toEqual([]);
    expect(administrations).toHaveLength(1);
    const a = administrations[0]!;
    expect(a).toMatchObject({
      id: 'phq9:QuestionnaireResponse/phq-9-example',
      instrument: 'phq9',
      effective: '2022-11-29T20:50:32.718Z',
      localDate: '2022-11-29',
      total: 12,
      totalSource: 'items',
      completeness: 'complete',
      status: 'final',
      item9: 0,
      difficulty: 'Somewhat difficult',
      problems: [],
    });
    expect(a.severity?.id).toBe('moderate');
    expect(a.items.map((i) => i.score)).toEqual([2, 2, 2, 2, 1, 1, 2, 0, 0]);
    expect(a.items[0]?.answerDisplay).toBe('More than half the days');
  });

  it('reads the Observation panel alone (hasMember items, valueString total)', () => {
    const { administrations, unreadable, ignored } = readAdministrations({ observations });
    expect(unreadable).toEqual([]);
    expect(ignored).toEqual([]);
    expect(administrations).toHaveLength(1);
    expect(administrations[0]).toMatchObject({ total: 12, totalSource: 'items', completeness: 'complete', item9: 0, localDate: '2022-11-29' });
    expect(administrations[0]?.sources).toHaveLength(12);
  });

  it('counts form + panel + items + total Observation as ONE administration', () => {
    const { administrations } = readAdministrations({ questionnaireResponses: [qr], observations });
    expect(administrations).toHaveLength(1);
    expect(administrations[0]?.id).toBe('phq9:QuestionnaireResponse/phq-9-example');
    expect(administrations[0]?.sources).toHaveLength(13);
    expect(administrations[0]?.sources).toContain('Observation/PHQ9-item-example-44261-6');
    expect(administrations[0]?.problems).toEqual([]);
  });
});

describe('LHC-Forms PHQ-9: versioned canonical, nested group, missing item, form total counting it as 0', () => {
  const qr = fixture<QuestionnaireResponse>('lhc-forms-phq9-response.json');

  it('prorates instead of trusting the calculated total, and keeps item 9', () => {
    const [a] = readAdministrations({ questionnaireResponses: [qr] }).administrations;
    expect(a).toMatchObject({ instrument: 'phq9', completeness: 'prorated', totalSource: 'prorated-items', total: 10, item9: 1 });
    expect(a?.items[5]).toMatchObject({ number: 6, missing: true, score: undefined });
    expect(a?.problems).toContain('form total 9 differs from the prorated total 10; prorated total used');
  });

  it('keeps the local date as written, not the UTC date', () => {
    const [a] = readAdministrations({ questionnaireResponses: [qr] }).administrations;
    expect(a?.effective).toBe('2024-03-01T23:30:00-05:00');
    expect(a?.localDate).toBe('2024-03-01');
    expect(a?.instant).toBe(Date.parse('2024-03-02T04:30:00Z'));
  });
});

describe('local forms whose linkIds mean nothing', () => {
  const questionnaire = fixture<Questionnaire>('local-gad7-questionnaire.json');
  const qr = fixture<QuestionnaireResponse>('local-gad7-response.json');

  it('maps items through the Questionnaire found by its versioned canonical, weights from its options', () => {
    const { administrations, unreadable } = readAdministrations({ questionnaireResponses: [qr], questionnaires: [questionnaire] });
    expect(unreadable).toEqual([]);
    expect(administrations[0]).toMatchObject({ instrument: 'gad7', total: 11, completeness: 'complete', item9: undefined, problems: [] });
    expect(administrations[0]?.items.map((i) => i.score)).toEqual([3, 2, 2, 1, 0, 2, 1]);
    expect(administrations[0]?.items[0]?.answerDisplay).toBe('Every day');
  });

  it('also finds the Questionnaire when only the unversioned url matches', () => {
    const other = { ...questionnaire, version: '4' };
    const { administrations } = readAdministrations({ questionnaireResponses: [qr], questionnaires: [other] });
    expect(administrations[0]?.total).toBe(11);
  });

  it('reports the form as unreadable when its Questionnaire is not available', () => {
    const { administrations, unreadable, ignored } = readAdministrations({ questionnaireResponses: [qr] });
    expect(administrations).toEqual([]);
    expect(ignored).toEqual([]);
    expect(unreadable).toEqual([
      {
        reference: 'QuestionnaireResponse/rc-88213',
        reason: 'questionnaire https://ehr.riverside-clinic.example/fhir/Questionnaire/anxiety-screen|3 was not found, so its answers cannot be matched to items',
      },
    ]);
  });

  it('reads a contained Questionnaire and digit-string answers', () => {
    const contained = fixture<QuestionnaireResponse>('contained-phq2-response.json');
    const [a] = readAdministrations({ questionnaireResponses: [contained] }).administrations;
    expect(a).toMatchObject({ instrument: 'phq2', total: 3, screen: 'positive', localDate: '2024-02-20', completeness: 'complete' });
  });

  it("maps by position only when the form is named and has exactly the instrument's questions", () => {
    const qr9: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      id: 'positional',
      questionnaire: 'http://loinc.org/q/44249-1',
      status: 'completed',
      authored: '2024-05-05',
      item: [1, 1, 1, 1, 1, 1, 1, 1, 2].map((s, i) => ({ linkId: `question-${i + 1}`, answer: [{ valueInteger: s }] })),
    };
    const [a] = readAdministrations({ questionnaireResponses: [qr9] }).administrations;
    expect(a).toMatchObject({ instrument: 'phq9', total: 10, item9: 2 });
    expect(a?.problems).toContain('items matched by their position: the form carries no item codes');
  });
});

describe('the same PHQ-9 in every linkId and answer style', () => {
  const scores = [0, 1, 2, 3, 0, 1, 2, 3, 1];
  const cases: [LinkIdStyle, AnswerStyle, boolean][] = [];
  for (const linkIds of ['loinc', 'us-core', 'lhc'] as const) {
    for (const answers of ['coding', 'coding+ordinal', 'integer', 'decimal', 'string'] as const) {
      cases.push([linkIds, answers, false]);
    }
  }
  cases.push(['lhc', 'coding', true], ['lhc', 'string', true]);

  it.each(cases)('linkIds %s, answers %s, nested %s', (linkIds, answers, nested) => {
    const qr = phq9Form(scores, { linkIds, answers, nested, total: 13 });
    const { administrations, unreadable } = readAdministrations({ questionnaireResponses: [qr] });
    expect(unreadable).toEqual([]);
    expect(administrations).toHaveLength(1);
    expect(administrations[0]).toMatchObject({ instrument: 'phq9', total: 13, completeness: 'complete', item9: 1, problems: [] });
  });

  it.each([
    'http://loinc.org/q/44249-1',
    'http://loinc.org/q/44249-1|2.72',
    'http://hl7.org/fhir/us/core/Questionnaire/phq-9-example',
    'http://hl7.org/fhir/us/core/Questionnaire/phq-9-example|6.1.0',
    'https://forms.example.org/Questionnaire/unknown-to-us',
  ])('canonical %s', (canonical) => {
    const [a] = readAdministrations({ questionnaireResponses: [phq9Form(scores, { canonical })] }).administrations;
    expect(a?.total).toBe(13);
  });
});

describe('instrument decided by content', () => {
  it('a PHQ-2 form is a PHQ-2, a form with items past 2 is a PHQ-9', () => {
    const phq2 = formResponse(PHQ2, [2, 2], { id: 'p2' });
    const phq9 = formResponse(PHQ9, [1, 1, 1, 1, 1, 1, 1, 1, 1], { id: 'p9' });
    const { administrations } = readAdministrations({ questionnaireResponses: [phq2, phq9] });
    expect(administrations.map((a) => [a.id, a.instrument])).toEqual([
      ['phq2:QuestionnaireResponse/p2', 'phq2'],
      ['phq9:QuestionnaireResponse/p9', 'phq9'],
    ]);
  });

  it('a PHQ-9 form with only items 1-2 answered stays a PHQ-9 (incomplete), not a PHQ-2', () => {
    const [a] = readAdministrations({ questionnaireResponses: [phq9Form([2, 2])] }).administrations;
    expect(a).toMatchObject({ instrument: 'phq9', completeness: 'incomplete', total: undefined });
  });

  it('a combined PHQ-9 + GAD-7 form gives two administrations', () => {
    const phq = phq9Form([1, 1, 1, 1, 1, 1, 1, 1, 0]);
    const gad = formResponse(GAD7, [2, 2, 2, 2, 2, 2, 2]);
    const combined: QuestionnaireResponse = { ...phq, id: 'combo', questionnaire: 'urn:local:intake', item: [...(phq.item ?? []), ...(gad.item ?? [])] };
    const { administrations } = readAdministrations({ questionnaireResponses: [combined] });
    expect(administrations.map((a) => [a.id, a.total])).toEqual([
      ['gad7:QuestionnaireResponse/combo', 14],
      ['phq9:QuestionnaireResponse/combo', 8],
    ]);
  });
});
