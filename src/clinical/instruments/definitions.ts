import type { AnswerOption, InstrumentDefinition, InstrumentId, InstrumentItem, SeverityBand, UnscoredQuestion } from './types.ts';

// Facts below come from /work/shared/clinical-reference.md (LOINC panels 44249-1, 55757-9,
// 69737-5; Kroenke 2001 and Spitzer 2006 for the bands). They are data, not settings:
// changing a code here changes what the app can read.

export const LOINC_SYSTEM = 'http://loinc.org';
export const ORDINAL_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
/** R5-style item weight, also seen on R4 forms (SDC backport). */
export const ITEM_WEIGHT_URLS: readonly string[] = [
  'http://hl7.org/fhir/StructureDefinition/itemWeight',
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-itemWeight',
];

/** The four-point frequency answers shared by every PHQ and GAD item. */
export const FREQUENCY_ANSWERS: readonly AnswerOption[] = [
  { code: 'LA6568-5', display: 'Not at all', score: 0 },
  { code: 'LA6569-3', display: 'Several days', score: 1 },
  { code: 'LA6570-1', display: 'More than half the days', score: 2 },
  { code: 'LA6571-9', display: 'Nearly every day', score: 3 },
];

const PHQ9_ITEMS: readonly InstrumentItem[] = [
  { number: 1, loinc: '44250-9', text: 'Little interest or pleasure in doing things' },
  { number: 2, loinc: '44255-8', text: 'Feeling down, depressed, or hopeless' },
  { number: 3, loinc: '44259-0', text: 'Trouble falling or staying asleep, or sleeping too much' },
  { number: 4, loinc: '44254-1', text: 'Feeling tired or having little energy' },
  { number: 5, loinc: '44251-7', text: 'Poor appetite or overeating' },
  {
    number: 6,
    loinc: '44258-2',
    text: 'Feeling bad about yourself - or that you are a failure or have let yourself or your family down',
  },
  {
    number: 7,
    loinc: '44252-5',
    text: 'Trouble concentrating on things, such as reading the newspaper or watching television',
  },
  {
    number: 8,
    loinc: '44253-3',
    text:
      'Moving or speaking so slowly that other people could have noticed. Or the opposite - ' +
      'being so fidgety or restless that you have been moving around a lot more than usual',
  },
  {
    number: 9,
    loinc: '44260-8',
    text: 'Thoughts that you would be better off dead, or of hurting yourself in some way',
  },
];

const GAD7_ITEMS: readonly InstrumentItem[] = [
  { number: 1, loinc: '69725-0', text: 'Feeling nervous, anxious, or on edge' },
  { number: 2, loinc: '68509-9', text: 'Not being able to stop or control worrying' },
  { number: 3, loinc: '69733-4', text: 'Worrying too much about different things' },
  { number: 4, loinc: '69734-2', text: 'Trouble relaxing' },
  { number: 5, loinc: '69735-9', text: 'Being so restless that it is hard to sit still' },
  { number: 6, loinc: '69689-8', text: 'Becoming easily annoyed or irritable' },
  { number: 7, loinc: '69736-7', text: 'Feeling afraid as if something awful might happen' },
];

const PHQ9_BANDS: readonly SeverityBand[] = [
  { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
  { id: 'mild', label: 'Mild', min: 5, max: 9 },
  { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
  { id: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
  { id: 'severe', label: 'Severe', min: 20, max: 27 },
];

const GAD7_BANDS: readonly SeverityBand[] = [
  { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
  { id: 'mild', label: 'Mild', min: 5, max: 9 },
  { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
  { id: 'severe', label: 'Severe', min: 15, max: 21 },
];

/**
 * LOINC has no GAD-2 panel or total code we could verify (a code seen in public code,
 * 70272-0, is the PHQ-4 total), so the GAD-2 form the app writes carries an app-owned
 * canonical. A URN, so nobody mistakes it for a resolvable address.
 */
export const APP_GAD2_CANONICAL = 'urn:cocm-registry:questionnaire:gad-2';

export const PHQ9: InstrumentDefinition = {
  id: 'phq9',
  name: 'PHQ-9',
  title: 'Patient Health Questionnaire-9',
  panelCode: '44249-1',
  totalCode: '44261-6',
  // "Patient Health Questionnaire Nine Item score": the total in SNOMED CT-only EHRs.
  snomedTotalCodes: ['720433000'],
  items: PHQ9_ITEMS,
  answers: FREQUENCY_ANSWERS,
  minScore: 0,
  maxScore: 27,
  severityBands: PHQ9_BANDS,
  screening: undefined,
  safetyItemNumber: 9,
  canonical: 'http://loinc.org/q/44249-1',
  knownCanonicals: [
    'http://loinc.org/q/44249-1',
    'http://hl7.org/fhir/us/core/Questionnaire/phq-9-example',
    'http://hl7.org/fhir/uv/sdc/Questionnaire/phq-9-quick',
    'http://hl7.org/fhir/Questionnaire/phq-9-questionnaire',
  ],
};

export const GAD7: InstrumentDefinition = {
  id: 'gad7',
  name: 'GAD-7',
  title: 'Generalized Anxiety Disorder-7',
  panelCode: '69737-5',
  totalCode: '70274-6',
  // No SNOMED CT total yet: clinical-reference.md asks for the concept to be verified first.
  snomedTotalCodes: [],
  items: GAD7_ITEMS,
  answers: FREQUENCY_ANSWERS,
  minScore: 0,
  maxScore: 21,
  severityBands: GAD7_BANDS,
  screening: undefined,
  safetyItemNumber: undefined,
  canonical: 'http://loinc.org/q/69737-5',
  knownCanonicals: ['http://loinc.org/q/69737-5'],
};

export const PHQ2: InstrumentDefinition = {
  id: 'phq2',
  name: 'PHQ-2',
  title: 'Patient Health Questionnaire-2',
  panelCode: '55757-9',
  totalCode: '55758-7',
  snomedTotalCodes: [],
  items: PHQ9_ITEMS.slice(0, 2),
  answers: FREQUENCY_ANSWERS,
  minScore: 0,
  maxScore: 6,
  severityBands: [],
  screening: { positiveAtOrAbove: 3, followUp: 'phq9' },
  safetyItemNumber: undefined,
  canonical: 'http://loinc.org/q/55757-9',
  knownCanonicals: ['http://loinc.org/q/55757-9'],
};

export const GAD2: InstrumentDefinition = {
  id: 'gad2',
  name: 'GAD-2',
  title: 'Generalized Anxiety Disorder-2',
  panelCode: undefined,
  totalCode: undefined,
  snomedTotalCodes: [],
  items: GAD7_ITEMS.slice(0, 2),
  answers: FREQUENCY_ANSWERS,
  minScore: 0,
  maxScore: 6,
  severityBands: [],
  screening: { positiveAtOrAbove: 3, followUp: 'gad7' },
  safetyItemNumber: undefined,
  canonical: APP_GAD2_CANONICAL,
  knownCanonicals: [APP_GAD2_CANONICAL],
};

export const PHQ9_DIFFICULTY: UnscoredQuestion = {
  loinc: '69722-7',
  text: 'If you checked off any problems, how difficult have these problems made it for you to do ' + 'your work, take care of things at home, or get along with other people?',
  answers: [
    { code: 'LA6572-7', display: 'Not difficult at all' },
    { code: 'LA6573-5', display: 'Somewhat difficult' },
    { code: 'LA6575-0', display: 'Very difficult' },
    { code: 'LA6574-3', display: 'Extremely difficult' },
  ],
};

export const INSTRUMENTS: Readonly<Record<InstrumentId, InstrumentDefinition>> = {
  phq2: PHQ2,
  phq9: PHQ9,
  gad2: GAD2,
  gad7: GAD7,
};

export function getInstrument(id: InstrumentId): InstrumentDefinition {
  return INSTRUMENTS[id];
}
