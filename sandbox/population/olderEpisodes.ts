/**
 * Older depression episodes among the population's primary care patients, so CMS159 has a
 * believable denominator and numerator: the collaborative care panel's episodes are recent,
 * but CMS159 looks for its index assessment (a PHQ-9 above 9 at a visit with a depression
 * diagnosis) in the identification period 14 to 2 months before the measurement period, and
 * for remission (PHQ-9 below 5) 12 months later, plus or minus 60 days.
 *
 * A share of the adult and adolescent patients had such an intake at a PCP visit in the
 * identification period of the default measurement period (the calendar year of "today"):
 * an office visit, a confirmed major depression encounter diagnosis and a PHQ-9 of 10 to 22.
 * Some come back around 3 months, more around 12 months, with a visit and a PHQ-9 each; about
 * two in five of those seen at 12 months are in remission. Drawn from its own generator, so
 * the rest of the population is the same with or without these.
 */
import type { Condition, Encounter, Observation, Resource } from '@medplum/fhirtypes';
import { addDays } from '../../src/clinical/enrollment/calendar.ts';
import type { Rng } from '../panel/prng.ts';

/** Share of primary care patients (14 or older) with an older episode. */
export const OLDER_EPISODE_SHARE = 0.06;
const THREE_MONTH_SHARE = 0.5;
const TWELVE_MONTH_SHARE = 0.65;
const REMISSION_SHARE = 0.4;

/** CMS159's identification period for the calendar year of `today`: [start - 14 months, start - 2 months). */
export function identificationPeriod(today: string): { start: string; end: string } {
  const year = Number(today.slice(0, 4));
  return { start: `${year - 2}-11-01`, end: `${year - 1}-10-31` };
}

export interface OlderEpisodePlan {
  patient: string;
  pcp: string;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function olderDepressionEpisode(plan: OlderEpisodePlan, rng: Rng, now: Date): Resource[] {
  const today = now.toISOString().slice(0, 10);
  const window = identificationPeriod(today);
  const intake = addDays(window.start, rng.int(0, daysBetween(window.start, window.end)));
  const key = `dep-${plan.patient}`;
  const subject = { reference: `Patient/${plan.patient}` };
  const out: Resource[] = [];
  const visit = (n: number, date: string, total: number): void => {
    const hour = String(8 + rng.int(0, 8)).padStart(2, '0');
    const start = `${date}T${hour}:00:00-05:00`;
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id: `${key}-enc-${n}`,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
      type: [{ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99214', display: 'Office or other outpatient visit, established patient, moderate complexity' }] }],
      subject,
      participant: [{ individual: { reference: `Practitioner/${plan.pcp}` } }],
      period: { start, end: `${date}T${hour}:30:00-05:00` },
    };
    const phq9: Observation = {
      resourceType: 'Observation',
      id: `${key}-phq9-${n}`,
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]' }], text: 'PHQ-9 total score' },
      subject,
      encounter: { reference: `Encounter/${encounter.id}` },
      effectiveDateTime: start,
      performer: [{ reference: `Practitioner/${plan.pcp}` }],
      valueInteger: total,
    };
    out.push(encounter, phq9);
  };
  const baseline = rng.int(10, 22);
  visit(1, intake, baseline);
  const diagnosis: Condition = {
    resourceType: 'Condition',
    id: `${key}-dx`,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis' }] }],
    code: {
      coding: [
        { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F32.1', display: 'Major depressive disorder, single episode, moderate' },
        { system: 'http://snomed.info/sct', code: '832007', display: 'Moderate major depression' },
      ],
      text: 'Major depressive disorder, single episode, moderate',
    },
    subject,
    encounter: { reference: `Encounter/${key}-enc-1` },
    onsetDateTime: intake,
    recordedDate: intake,
    recorder: { reference: `Practitioner/${plan.pcp}` },
  };
  out.push(diagnosis);
  const threeMonths = addDays(intake, rng.int(80, 110));
  if (rng.chance(THREE_MONTH_SHARE) && threeMonths <= today) visit(2, threeMonths, Math.max(0, baseline - rng.int(0, 9)));
  const twelveMonths = addDays(intake, 365 + rng.int(-40, 40));
  if (rng.chance(TWELVE_MONTH_SHARE) && twelveMonths <= today) visit(3, twelveMonths, rng.chance(REMISSION_SHARE) ? rng.int(0, 4) : rng.int(5, 16));
  return out;
}
