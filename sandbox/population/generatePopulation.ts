/**
 * A large synthetic primary care population written straight to NDJSON (one file per
 * resource type), for the measures at health-system scale. Clinic by clinic: each clinic is a
 * care team with its collaborative care panel (the sandbox's panel generator: diagnoses,
 * score histories, enrolment, treatment) inside a larger list of primary care patients who
 * only have visits, some screened with a PHQ-2. Nothing is held beyond one clinic at a time,
 * so 100,000 patients take the memory of a few hundred.
 */
import type { Observation, Patient, PractitionerRole, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PATIENT_REFERRAL_CATEGORY, REFER_TO_MENTAL_HEALTH_WORKER } from '../../src/clinical/enrollment/followUpReferral.ts';
import { DEPRESSION_SCREEN_NEGATIVE, DEPRESSION_SCREEN_POSITIVE } from '../../src/clinical/records/codes.ts';
import { screeningCodeFor } from '../../src/clinical/records/screeningResult.ts';
import { addDays } from '../../src/clinical/enrollment/calendar.ts';
import { withDemographics } from '../panel/demographics.ts';
import { generatePanel } from '../panel/index.ts';
import { FAMILY, FEMALE_GIVEN, MALE_GIVEN } from '../panel/names.ts';
import { Rng } from '../panel/prng.ts';
import { generateVisits } from '../panel/visits.ts';
import { OLDER_EPISODE_SHARE, olderDepressionEpisode } from './olderEpisodes.ts';

export interface PopulationOptions {
  patients: number;
  out: string;
  seed?: string;
  /** The population's "today" (UTC midnight); default today. */
  now?: Date;
  /** Patients per clinic (default 2,000). */
  clinicSize?: number;
  /** Share of a clinic's patients on its collaborative care panel (default 0.1). */
  cocmShare?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface PopulationSummary {
  patients: number;
  clinics: number;
  resources: number;
  byType: Record<string, number>;
}

/** Types written once for the whole population (the panel generator emits them per clinic). */
const SHARED_ONCE = new Set(['Questionnaire']);
/** The registry's program lists are per sandbox, not per population. */
const LEFT_OUT = new Set(['List', 'Group']);

export async function writePopulation(options: PopulationOptions): Promise<PopulationSummary> {
  const seed = options.seed ?? 'population';
  const now = options.now ?? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  const clinicSize = Math.max(1, options.clinicSize ?? 2000);
  const cocmShare = Math.min(1, Math.max(0, options.cocmShare ?? 0.1));
  await mkdir(options.out, { recursive: true });
  const files = new Map<string, WriteStream>();
  const summary: PopulationSummary = { patients: 0, clinics: 0, resources: 0, byType: {} };
  const write = async (resource: Resource): Promise<void> => {
    let stream = files.get(resource.resourceType);
    if (!stream) {
      stream = createWriteStream(join(options.out, `${resource.resourceType}.ndjson`));
      files.set(resource.resourceType, stream);
    }
    summary.resources++;
    summary.byType[resource.resourceType] = (summary.byType[resource.resourceType] ?? 0) + 1;
    if (resource.resourceType === 'Patient') summary.patients++;
    if (!stream.write(`${JSON.stringify(resource)}\n`)) await new Promise<void>((r) => stream.once('drain', () => r()));
  };

  for (let clinic = 0; summary.patients < options.patients; clinic++) {
    const size = Math.min(clinicSize, options.patients - summary.patients);
    const prefix = `c${clinic.toString(36)}-`;
    const rng = new Rng(`${seed}/${clinic}`);
    const panelSize = Math.min(size, Math.max(size >= 3 ? 1 : 0, Math.round(size * cocmShare)));
    const panel = panelSize > 0 ? generatePanel({ patients: panelSize, seed: `${seed}/${clinic}/panel`, now }).resources : [];
    for (const resource of panel) {
      if (LEFT_OUT.has(resource.resourceType) || (SHARED_ONCE.has(resource.resourceType) && clinic > 0)) continue;
      await write(SHARED_ONCE.has(resource.resourceType) ? resource : inClinic(resource, prefix));
    }
    const pcps = panel
      .filter((r): r is PractitionerRole => r.resourceType === 'PractitionerRole' && r.code?.[0]?.coding?.[0]?.code === 'pcp')
      .map((r) => `${prefix}${r.practitioner!.reference!.split('/')[1]}`);
    const screening = pcps.map(() => 0.3 + rng.next() * 0.6);
    // Its own generator: the older episodes change nothing else of the clinic.
    const older = new Rng(`${seed}/${clinic}/older-episodes`);
    for (let i = 0; i < size - panelSize; i++) {
      const id = `${prefix}g${i.toString(36)}`;
      const female = rng.chance(0.53);
      const age = rng.weighted({ teen: 8, young: 36, middle: 32, older: 24 });
      const years = age === 'teen' ? rng.int(12, 17) : age === 'young' ? rng.int(18, 44) : age === 'middle' ? rng.int(45, 64) : rng.int(65, 92);
      const birth = new Date(now.getTime() - (years * 365.25 + rng.int(0, 364)) * 86_400_000).toISOString().slice(0, 10);
      const patient: Patient = withDemographics(
        {
          resourceType: 'Patient',
          id,
          active: true,
          identifier: [{ system: 'http://sandbox.cocm.example/mrn', value: `P${clinic.toString().padStart(3, '0')}${i.toString().padStart(6, '0')}` }],
          name: [{ use: 'official', family: rng.pick(FAMILY), given: [rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN)] }],
          gender: female ? 'female' : 'male',
          birthDate: birth,
        },
        rng,
      );
      await write(patient);
      const k = rng.int(0, Math.max(0, pcps.length - 1));
      const pcp = pcps[k];
      if (!pcp) continue;
      for (const r of generateVisits({ patient: id, pcp, screeningShare: screening[k] ?? 0.5, firstScoreDate: undefined, screens: true }, rng, now)) {
        await write(r);
        if (r.resourceType === 'Observation') for (const more of screeningRecords(r, birth, pcp, rng)) await write(more);
      }
      // 14 or older now: 12 or older at an intake up to two years ago (CMS159's initial population).
      if (older.chance(OLDER_EPISODE_SHARE) && years >= 14) for (const r of olderDepressionEpisode({ patient: id, pcp }, older, now)) await write(r);
    }
    summary.clinics++;
    options.onProgress?.(summary.patients, options.patients);
  }
  await Promise.all([...files.values()].map((s) => new Promise<void>((ok, fail) => s.end((e?: Error | null) => (e ? fail(e) : ok())))));
  return summary;
}

/** PHQ-2 >= 3 is a positive screen (clinical-reference.md). */
const PHQ2_POSITIVE_AT = 3;
/** Share of positive screens followed by a referral within the two days CMS2 allows. */
const FOLLOW_UP_SHARE = 0.6;

/**
 * What a screening visit files besides the PHQ-2 total, as the registry's own screening does:
 * the CMS2 screening result Observation (adult or adolescent code, positive or negative
 * finding), and for most positive screens a referral to the care manager within two days.
 */
function screeningRecords(phq2: Observation, birthDate: string, pcp: string, rng: Rng): Resource[] {
  const when = phq2.effectiveDateTime ?? '';
  const code = screeningCodeFor(birthDate, when.slice(0, 10));
  if (!code || typeof phq2.valueInteger !== 'number') return [];
  const positive = phq2.valueInteger >= PHQ2_POSITIVE_AT;
  const result: Observation = {
    resourceType: 'Observation',
    id: `${phq2.id}-result`,
    status: 'final',
    category: phq2.category!,
    code: { coding: [code], text: 'Depression screening (PHQ-2)' },
    subject: phq2.subject!,
    ...(phq2.encounter ? { encounter: phq2.encounter } : {}),
    effectiveDateTime: when,
    performer: [{ reference: `Practitioner/${pcp}` }],
    valueCodeableConcept: { coding: [positive ? DEPRESSION_SCREEN_POSITIVE : DEPRESSION_SCREEN_NEGATIVE] },
    derivedFrom: [{ reference: `Observation/${phq2.id}` }],
  };
  if (!positive || !rng.chance(FOLLOW_UP_SHARE)) return [result];
  const referral: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: `${phq2.id}-referral`,
    status: 'active',
    intent: 'order',
    category: [{ coding: [PATIENT_REFERRAL_CATEGORY] }],
    code: { coding: [REFER_TO_MENTAL_HEALTH_WORKER], text: 'Referred to collaborative care (behavioral health care manager)' },
    subject: phq2.subject!,
    authoredOn: addDays(when.slice(0, 10), rng.int(0, 2)),
    requester: { reference: `Practitioner/${pcp}` },
  };
  return [result, referral];
}

/**
 * The clinic's copy of a panel resource: every id and every reference to another of the
 * clinic's resources gets the clinic's prefix (the panel generator's ids repeat from clinic
 * to clinic); registry identifiers too, so idempotent writes stay unique.
 */
function inClinic(resource: Resource, prefix: string): Resource {
  const text = JSON.stringify(resource)
    .replace(/"reference":"([A-Z][A-Za-z]+)\/([^"/]+)"/g, (_, type: string, id: string) => `"reference":"${type}/${prefix}${id}"`)
    .replace(/"value":"panel-/g, `"value":"${prefix}panel-`);
  const copy = JSON.parse(text) as Resource;
  if (copy.id) copy.id = `${prefix}${copy.id}`;
  return copy;
}
