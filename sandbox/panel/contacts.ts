/**
 * Synthetic contact history for enrolled patients: the contacts a care manager would have
 * logged over the last twelve months of each episode (the program measures look back a year;
 * a 1,000-patient panel stays light). A care manager may lag (`lagDays` more between contacts). Consistent with the episode: an initial assessment at
 * enrollment, then about every two weeks in active treatment and monthly in relapse
 * prevention, none after a discharge or a drop-out. Realistic minutes, some separately billed
 * psychotherapy, some no-shows and unanswered attempts, and, where asked, one contact entered
 * in error (logged twice, the copy removed).
 */
import type { Observation, Resource } from '@medplum/fhirtypes';
import {
  buildContactObservation,
  type ContactDetails,
  type ContactModality,
  type ContactType,
  fhirDateTimeInZone,
  removeContactObservation,
} from '../../src/clinical/contacts/index.ts';
import { addDays, deriveEnrollment, readRegistryRecords } from '../../src/clinical/enrollment/index.ts';
import type { CourseKind } from './courses.ts';
import type { Rng } from './prng.ts';

/** The sandbox clinic's zone for contact times (the app reads the offset as written). */
export const SANDBOX_CLINIC_ZONE = 'America/New_York';
const HISTORY_DAYS = 366;

export interface ContactPlan {
  patient: string;
  course: CourseKind;
  careManager: string;
  /** The enrollment records generated for the patient. */
  registry: readonly Resource[];
  /** Mark one contact entered-in-error (a duplicate removed). */
  withRemoval: boolean;
  /** Extra days between follow-ups: a care manager with too many patients falls behind. */
  lagDays?: number;
}

export interface ContactHistory {
  resources: Observation[];
  removed: boolean;
}

const NOTES = [
  'Reviewed mood and sleep.',
  'Behavioral activation plan updated.',
  'Discussed medication side effects.',
  'Problem-solving therapy session.',
  'Safety plan reviewed.',
  '',
];

function minutesFor(type: ContactType, modality: ContactModality, rng: Rng): number {
  if (type === 'initial-assessment') return rng.int(35, 70);
  if (type === 'psychiatric-consultation') return rng.int(10, 30);
  if (modality === 'message') return rng.int(3, 10);
  if (type === 'relapse-prevention') return rng.int(10, 25);
  return modality === 'phone' ? rng.int(10, 35) : rng.int(20, 45);
}

export function generateContacts(plan: ContactPlan, rng: Rng, now: Date): ContactHistory {
  const today = now.toISOString().slice(0, 10);
  const observations = plan.registry.filter((r): r is Observation => r.resourceType === 'Observation');
  const { episodes } = deriveEnrollment(readRegistryRecords(observations, []).events, { today });
  const key = plan.patient.replace(/^pat-/, '');
  const resources: Observation[] = [];
  let n = 0;
  let removed = false;
  const from = addDays(today, -HISTORY_DAYS);

  const log = (date: string, type: ContactType): void => {
    const modality: ContactModality =
      type === 'initial-assessment' ? rng.pick(['in-person', 'video'] as const) : rng.weighted({ phone: 55, video: 25, 'in-person': 12, message: 8 });
    const roll = rng.next();
    const outcome = type === 'initial-assessment' || modality === 'message' ? 'completed' : roll < 0.07 ? 'no-show' : roll < 0.12 ? 'attempt' : 'completed';
    const separatelyBilled = outcome === 'completed' && modality === 'in-person' && type === 'follow-up' && rng.chance(0.35);
    const hour = rng.int(8, 17);
    const instant = Date.parse(`${date}T${String(hour).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}:00Z`) + 5 * 3_600_000;
    if (instant > now.getTime()) return;
    const details: ContactDetails = {
      when: fhirDateTimeInZone(instant, SANDBOX_CLINIC_ZONE),
      type,
      modality,
      minutes: outcome === 'completed' ? (separatelyBilled ? rng.int(40, 55) : minutesFor(type, modality, rng)) : rng.int(0, 5),
      outcome,
      scaleGiven: outcome === 'completed' && rng.chance(0.4),
      separatelyBilled,
      note: outcome === 'completed' ? rng.pick(NOTES) : '',
    };
    const obs = buildContactObservation({
      ...details,
      contactId: `panel-${key}-${++n}`,
      patientId: plan.patient,
      performer: `Practitioner/${plan.careManager}`,
      now: new Date(instant + 3_600_000),
    });
    const stored = { ...obs, id: `con-${key}-${n}` };
    resources.push(stored);
    if (plan.withRemoval && !removed && outcome === 'completed') {
      // Logged twice by mistake; the copy was removed with a reason.
      const copy = {
        ...buildContactObservation({
          ...details,
          contactId: `panel-${key}-${++n}`,
          patientId: plan.patient,
          performer: `Practitioner/${plan.careManager}`,
          now: new Date(instant + 3_600_000),
        }),
        id: `con-${key}-${n}`,
      };
      resources.push(removeContactObservation(copy, 'Logged twice', `Practitioner/${plan.careManager}`, new Date(instant + 7_200_000)));
      removed = true;
    }
  };

  for (const episode of episodes) {
    const enrolled = episode.enrolledOn ?? episode.start;
    // A drop-out stops answering after a few weeks.
    const stop = [episode.end ?? today, plan.course === 'drop-out' ? addDays(enrolled, rng.int(14, 35)) : today].sort()[0] ?? today;
    const relapsePrevention = episode.events.find((e) => e.kind === 'relapse-prevention')?.date;
    if (enrolled >= from && enrolled <= stop) log(enrolled, 'initial-assessment');
    let date = addDays(enrolled, rng.int(10, 16));
    while (date <= stop) {
      const inRelapsePrevention = relapsePrevention !== undefined && date >= relapsePrevention;
      if (date >= from) log(date, inRelapsePrevention ? 'relapse-prevention' : rng.chance(0.08) ? 'psychiatric-consultation' : 'follow-up');
      date = addDays(date, (inRelapsePrevention ? rng.int(25, 35) : rng.int(11, 17)) + (plan.lagDays ?? 0));
    }
  }
  return { resources, removed };
}
