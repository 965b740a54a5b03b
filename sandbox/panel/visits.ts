/**
 * Primary care visits for the synthetic panel: finished ambulatory Encounters (CPT or SNOMED
 * visit types), one on the day the score history starts (the visit whose screen led to the
 * referral) and one to four a year over the last two years. At a routine visit the PCP's
 * practice screens with a PHQ-2 (a total-score Observation) more or less often, so screening
 * rates differ by PCP as they do in real clinics.
 */
import type { Encounter, Observation, Resource } from '@medplum/fhirtypes';
import { addDays } from '../../src/clinical/enrollment/calendar.ts';
import type { Rng } from './prng.ts';

const CPT = 'http://www.ama-assn.org/go/cpt';
const SNOMED = 'http://snomed.info/sct';
const VISIT_TYPES = [
  { system: CPT, code: '99213', display: 'Office or other outpatient visit, established patient, low complexity' },
  { system: CPT, code: '99214', display: 'Office or other outpatient visit, established patient, moderate complexity' },
  { system: SNOMED, code: '185349003', display: 'Encounter for check up' },
  { system: SNOMED, code: '390906007', display: 'Follow-up encounter' },
];

export interface VisitPlan {
  patient: string;
  pcp: string;
  /** Share of routine visits with a PHQ-2 (the PCP's habit). */
  screeningShare: number;
  /** The day the score history starts (a visit with the first PHQ-9), if any. */
  firstScoreDate: string | undefined;
  /** Whether routine visits may add PHQ-2 scores (not for the fixed long-history patients). */
  screens: boolean;
  /**
   * Enrolled patients are screened only before this date (their episode's PHQ-9s do the rest;
   * a PHQ-2 inside the episode would count as a CoCM service and keep a lapsed episode open).
   */
  screensBefore?: string | undefined;
}

export function generateVisits(plan: VisitPlan, rng: Rng, now: Date): Resource[] {
  const today = now.toISOString().slice(0, 10);
  const key = plan.patient.replace(/^pat-/, '');
  const out: Resource[] = [];
  const dates = new Set<string>();
  if (plan.firstScoreDate && plan.firstScoreDate <= today) dates.add(plan.firstScoreDate);
  const routine: string[] = [];
  for (let year = 0; year < 2; year++) {
    for (let k = rng.int(1, 4); k > 0; k--) routine.push(addDays(today, -(year * 365 + rng.int(1, 364))));
  }
  for (const d of routine) dates.add(d);
  let n = 0;
  for (const date of [...dates].sort()) {
    const id = `enc-${key}-${++n}`;
    const hour = 8 + rng.int(0, 8);
    const start = `${date}T${String(hour).padStart(2, '0')}:00:00-05:00`;
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
      type: [{ coding: [rng.pick(VISIT_TYPES)] }],
      subject: { reference: `Patient/${plan.patient}` },
      participant: [{ individual: { reference: `Practitioner/${plan.pcp}` } }],
      period: { start, end: `${date}T${String(hour).padStart(2, '0')}:30:00-05:00` },
    };
    out.push(encounter);
    if (
      !plan.screens ||
      date === plan.firstScoreDate ||
      !routine.includes(date) ||
      (plan.screensBefore !== undefined && date >= plan.screensBefore) ||
      !rng.chance(plan.screeningShare)
    )
      continue;
    const total = rng.chance(0.85) ? rng.int(0, 2) : rng.int(3, 6);
    const phq2: Observation = {
      resourceType: 'Observation',
      id: `phq2-${key}-${n}`,
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '55758-7', display: 'Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]' }], text: 'PHQ-2 total score' },
      subject: { reference: `Patient/${plan.patient}` },
      encounter: { reference: `Encounter/${id}` },
      effectiveDateTime: start,
      performer: [{ reference: `Practitioner/${plan.pcp}` }],
      valueInteger: total,
    };
    out.push(phq2);
  }
  return out;
}
