import type { Flag, QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { readAdministrations } from '../read/readAdministrations.ts';
import { buildSafetyFlag, isActiveSuicideRiskFlag } from './flag.ts';
import { identifierQuery, SCREENING_IDENTIFIER_SYSTEM } from './identifiers.ts';
import { buildNoteText } from './noteText.ts';
import { buildTotalObservation } from './observation.ts';
import { buildQuestionnaireResponse } from './questionnaireResponse.ts';
import { r4Errors } from './r4Validation.testkit.ts';
import { patientIdOfReference } from './references.ts';
import { possibleRecords, screeningRecords } from './specs.ts';
import { fhirDateTime } from './time.ts';
import type { AdministeredInstrument, CompletedScreening, RecordClock } from './types.ts';

const clock: RecordClock = { now: new Date('2026-03-06T02:30:00Z'), utcOffsetMinutes: -300 };
const phq9: AdministeredInstrument = { instrument: 'phq9', scores: [2, 2, 1, 1, 1, 1, 1, 1, 1], difficulty: 'LA6573-5' };
const gad2: AdministeredInstrument = { instrument: 'gad2', scores: [1, 0] };
const gad7: AdministeredInstrument = { instrument: 'gad7', scores: [3, 3, 2, 2, 1, 1, 0] };
const phq2: AdministeredInstrument = { instrument: 'phq2', scores: [1, 1] };

const screening: CompletedScreening = {
  screeningId: '6f1c2a4e-0b7d-4f43-9a55-1d2b3c4d5e6f',
  patientId: 'p1',
  encounterId: 'e1',
  author: 'Practitioner/ma7',
  administered: [phq9, gad2],
};

describe('fhirDateTime', () => {
  it('writes the local time with its offset, so an evening screening keeps its date', () => {
    expect(fhirDateTime(clock.now, -300)).toBe('2026-03-05T21:30:00-05:00');
    expect(fhirDateTime(clock.now, 330)).toBe('2026-03-06T08:00:00+05:30');
    expect(fhirDateTime(clock.now, 0)).toBe('2026-03-06T02:30:00+00:00');
  });
});

describe('buildQuestionnaireResponse', () => {
  const qr = buildQuestionnaireResponse(screening, phq9, clock);

  it('is a valid R4 QuestionnaireResponse', () => {
    expect(r4Errors(qr)).toEqual([]);
  });

  it('(the validator does catch structural errors; it does not check terminology bindings)', () => {
    expect(r4Errors({ ...qr, subject: 'Patient/p1' } as unknown as QuestionnaireResponse).length).toBeGreaterThan(0);
    expect(r4Errors({ ...qr, item: [{ answer: [{ valueInteger: 1 }] }] } as unknown as QuestionnaireResponse).length).toBeGreaterThan(0);
  });

  it('carries the US Core elements: canonical, status, subject, authored, author, encounter', () => {
    expect(qr).toMatchObject({
      questionnaire: 'http://loinc.org/q/44249-1',
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/e1' },
      authored: '2026-03-05T21:30:00-05:00',
      author: { reference: 'Practitioner/ma7' },
      source: { reference: 'Patient/p1' },
      identifier: { system: SCREENING_IDENTIFIER_SYSTEM, value: '6f1c2a4e-0b7d-4f43-9a55-1d2b3c4d5e6f/phq9-response' },
    });
  });

  it('answers each item with its LOINC answer code, plus the total and difficulty', () => {
    const items = qr.item ?? [];
    expect(items.map((i) => i.linkId)).toEqual(['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8', '44261-6', '69722-7']);
    expect(items[0]?.answer?.[0]?.valueCoding).toEqual({ system: 'http://loinc.org', code: 'LA6570-1', display: 'More than half the days' });
    expect(items[8]?.answer?.[0]?.valueCoding?.code).toBe('LA6569-3');
    expect(items[9]?.answer).toEqual([{ valueInteger: 11 }]);
    expect(items[10]?.answer?.[0]?.valueCoding?.code).toBe('LA6573-5');
    expect(items[8]?.text).toMatch(/better off dead/);
  });

  it('leaves out encounter and author when not in context, and a Person as author', () => {
    const bare = buildQuestionnaireResponse({ ...screening, encounterId: undefined, author: 'Person/x' } as CompletedScreening, phq9, clock);
    expect(bare.encounter).toBeUndefined();
    expect(bare.author).toBeUndefined();
    expect(r4Errors(bare)).toEqual([]);
  });

  it('builds valid forms for PHQ-2, GAD-2 (app canonical) and GAD-7', () => {
    for (const a of [phq2, gad2, gad7]) {
      const form = buildQuestionnaireResponse(screening, a, clock);
      expect(r4Errors(form)).toEqual([]);
      expect(form.item?.filter((i) => i.answer?.[0]?.valueCoding).length).toBe(a.scores.length);
    }
    expect(buildQuestionnaireResponse(screening, gad2, clock).questionnaire).toBe('urn:cocm-registry:questionnaire:gad-2');
    expect(buildQuestionnaireResponse(screening, gad7, clock).item?.at(-1)).toMatchObject({ linkId: '70274-6', answer: [{ valueInteger: 12 }] });
  });
});

describe('buildTotalObservation', () => {
  const obs = buildTotalObservation(screening, phq9, clock, 'QuestionnaireResponse/qr1');

  it('is a valid R4 Observation shaped as a US Core screening assessment', () => {
    expect(obs).toBeDefined();
    expect(r4Errors(obs!)).toEqual([]);
    expect(obs).toMatchObject({
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/e1' },
      effectiveDateTime: '2026-03-05T21:30:00-05:00',
      issued: '2026-03-06T02:30:00.000Z',
      performer: [{ reference: 'Practitioner/ma7' }],
      valueInteger: 11,
      interpretation: [{ text: 'Moderate' }],
      derivedFrom: [{ reference: 'QuestionnaireResponse/qr1' }],
      identifier: [{ system: SCREENING_IDENTIFIER_SYSTEM, value: '6f1c2a4e-0b7d-4f43-9a55-1d2b3c4d5e6f/phq9-total' }],
    });
  });

  it('uses the PHQ-2 and GAD-7 total codes and has none for GAD-2', () => {
    const p2 = buildTotalObservation(screening, phq2, clock);
    expect(p2?.code.coding?.[0]?.code).toBe('55758-7');
    expect(p2?.interpretation).toEqual([{ text: 'Negative screen' }]);
    expect(p2?.derivedFrom).toBeUndefined();
    expect(r4Errors(p2!)).toEqual([]);
    expect(buildTotalObservation(screening, gad7, clock)?.code.coding?.[0]?.code).toBe('70274-6');
    expect(buildTotalObservation(screening, gad2, clock)).toBeUndefined();
  });
});

describe('buildSafetyFlag', () => {
  it('builds a valid active safety Flag coded for suicide risk when item 9 > 0', () => {
    const flag = buildSafetyFlag(screening, clock);
    expect(flag).toBeDefined();
    expect(r4Errors(flag!)).toEqual([]);
    expect(flag).toMatchObject({
      status: 'active',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety' }] }],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '225444004' }] },
      subject: { reference: 'Patient/p1' },
      period: { start: '2026-03-05T21:30:00-05:00' },
      author: { reference: 'Practitioner/ma7' },
      identifier: [{ value: '6f1c2a4e-0b7d-4f43-9a55-1d2b3c4d5e6f/safety-flag' }],
    });
    expect(flag?.code.text).toMatch(/item 9.*"Several days" \(1\) on 2026-03-05/);
  });

  it('builds none when item 9 is 0 or PHQ-9 was not given', () => {
    expect(buildSafetyFlag({ ...screening, administered: [{ ...phq9, scores: [3, 3, 3, 3, 3, 3, 3, 3, 0] }] }, clock)).toBeUndefined();
    expect(buildSafetyFlag({ ...screening, administered: [phq2, gad7] }, clock)).toBeUndefined();
  });

  it('recognises an active suicide-risk flag, ours or coded, and not an ended or inactive one', () => {
    const now = clock.now;
    const ours = buildSafetyFlag(screening, clock) as Flag;
    expect(isActiveSuicideRiskFlag(ours, now)).toBe(true);
    const other: Flag = { resourceType: 'Flag', status: 'active', code: { coding: [{ system: 'http://snomed.info/sct', code: '6471006' }] }, subject: { reference: 'Patient/p1' } };
    expect(isActiveSuicideRiskFlag(other, now)).toBe(true);
    expect(isActiveSuicideRiskFlag({ ...other, status: 'inactive' }, now)).toBe(false);
    expect(isActiveSuicideRiskFlag({ ...other, period: { start: '2025-01-01', end: '2025-02-01' } }, now)).toBe(false);
    expect(isActiveSuicideRiskFlag({ ...other, code: { text: 'Fall risk' } }, now)).toBe(false);
  });
});

describe('identifierQuery', () => {
  it('percent-encodes the system and value', () => {
    expect(identifierQuery({ system: SCREENING_IDENTIFIER_SYSTEM, value: 'u-1/phq9-total' })).toBe('identifier=urn%3Acocm-registry%3Ascreening%7Cu-1%2Fphq9-total');
  });
});

describe('screeningRecords and possibleRecords', () => {
  it('lists forms first, then scores (none for GAD-2), the CMS2 screening result, then the flag when item 9 > 0', () => {
    expect(screeningRecords(screening).map((s) => s.key)).toEqual(['phq9-response', 'gad2-response', 'phq9-total', 'depression-screening-result', 'safety-flag']);
    expect(screeningRecords({ ...screening, administered: [phq2, gad7] }).map((s) => s.key)).toEqual([
      'phq2-response',
      'gad7-response',
      'phq2-total',
      'gad7-total',
      'depression-screening-result',
    ]);
  });

  it('lists every kind of record a screening may produce', () => {
    expect(possibleRecords().map((s) => s.key)).toEqual(['phq9-response', 'gad7-response', 'phq2-total', 'phq9-total', 'gad7-total', 'depression-screening-result', 'safety-flag']);
  });
});

describe('buildNoteText', () => {
  it('gives totals, severity, each answer, the safety line with 988 and what was not saved', () => {
    const text = buildNoteText(screening, clock, { notSaved: ['suicide-risk safety flag', 'PHQ-9 total score'] });
    expect(text.split('\n')[0]).toBe('Depression and anxiety screening (PHQ-9 and GAD-2), 2026-03-05 21:30');
    expect(text).toContain('PHQ-9 total 11 of 27 (Moderate)');
    expect(text).toContain('  9. Thoughts that you would be better off dead, or of hurting yourself in some way: Several days (1)');
    expect(text).toContain('Difficulty doing work, home tasks or getting along with others: Somewhat difficult');
    expect(text).toContain('GAD-2 total 1 of 6 (negative screen)');
    expect(text).toMatch(/SAFETY: .*988 Suicide & Crisis Lifeline/);
    expect(text).toContain('Not saved to the EHR by CoCM Registry (enter by hand): suicide-risk safety flag; PHQ-9 total score.');
  });

  it('has no safety line when item 9 is 0', () => {
    expect(buildNoteText({ ...screening, administered: [phq2] }, clock)).not.toMatch(/SAFETY|988/);
  });
});

describe('round trip through the app reader', () => {
  it('reads the written form and score back as one PHQ-9 administration with item 9', () => {
    const qr: QuestionnaireResponse = { ...buildQuestionnaireResponse(screening, phq9, clock), id: 'qr1' };
    const obs = { ...buildTotalObservation(screening, phq9, clock, 'QuestionnaireResponse/qr1')!, id: 'o1' };
    const result = readAdministrations({ questionnaireResponses: [qr], observations: [obs] });
    const phq = result.administrations.filter((a) => a.instrument === 'phq9');
    expect(phq).toHaveLength(1);
    expect(phq[0]).toMatchObject({ total: 11, item9: 1, localDate: '2026-03-05', completeness: 'complete', difficulty: expect.stringMatching(/Somewhat/) });
    expect(phq[0]?.sources).toEqual(['Observation/o1', 'QuestionnaireResponse/qr1']);
    expect(phq[0]?.problems).toEqual([]);
  });

  it('reads a GAD-2 form with the app canonical', () => {
    const qr = { ...buildQuestionnaireResponse(screening, gad2, clock), id: 'qr2' };
    const result = readAdministrations({ questionnaireResponses: [qr] });
    expect(result.administrations).toHaveLength(1);
    expect(result.administrations[0]).toMatchObject({ instrument: 'gad2', total: 1, screen: 'negative' });
  });
});

describe('patientIdOfReference: the patient a reference names', () => {
  it.each<[string | undefined, string | undefined]>([
    ['Patient/p-1', 'p-1'],
    ['https://ehr.example/fhir/Patient/A.b-9', 'A.b-9'],
    ['Patient/p-1/_history/2', undefined],
    ['Group/g1', undefined],
    ['SomePatient/p-1', undefined],
    ['Patient/has space', undefined],
    [`Patient/${'x'.repeat(65)}`, undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s -> %s', (reference, id) => {
    expect(patientIdOfReference(reference)).toBe(id);
  });
});
