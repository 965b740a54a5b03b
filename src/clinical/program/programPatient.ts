/**
 * From the caseload's records of one patient (and its Encounters) to the program model, with
 * the same clinical readers the caseload row and the patient view use: administrations from
 * any shape, registry events into episodes, logged contacts, psychiatric reviews.
 */
import type { Encounter } from '@medplum/fhirtypes';
import { localDateOfFhirDateTime } from '../billing/months.ts';
import type { PatientRecords } from '../caseload/types.ts';
import { readContacts } from '../contacts/readContacts.ts';
import { summarizePatient } from '../demographics/patientSummary.ts';
import { deriveEnrollment } from '../enrollment/episodes.ts';
import { readRegistryRecords } from '../enrollment/readRegistryRecords.ts';
import type { RegistrySettings } from '../enrollment/settings.ts';
import { readAdministrations } from '../read/readAdministrations.ts';
import { demographicsOf } from './demographics.ts';
import type { ProgramContact, ProgramEpisode, ProgramPatient, ProgramScore } from './types.ts';

export interface ProgramPatientOptions {
  readonly today: string;
  readonly timeZone: string;
  readonly registrySettings?: Partial<RegistrySettings>;
  /** Whether preliminary scores count (clinical settings). */
  readonly countPreliminary?: boolean;
}

/** Encounters of one patient as read: the resources, or why they could not be read. */
export type EncounterRead = { readonly encounters: readonly Encounter[] } | { readonly problem: string };

const AMBULATORY = new Set(['AMB']);

/** Dates of finished ambulatory visits (Encounter.class AMB, status finished). */
export function visitDates(encounters: readonly Encounter[], timeZone: string): string[] {
  const out: string[] = [];
  for (const e of encounters) {
    if (e?.resourceType !== 'Encounter' || e.status !== 'finished' || !AMBULATORY.has(e.class?.code ?? '')) continue;
    const date = localDateOfFhirDateTime(e.period?.start ?? e.period?.end, timeZone);
    if (date) out.push(date);
  }
  return [...new Set(out)].sort();
}

export function buildProgramPatient(records: PatientRecords, encounters: EncounterRead | undefined, options: ProgramPatientOptions): ProgramPatient {
  return withVisits(programPatientOfRecords(records, options), encounters, options.timeZone);
}

/**
 * The part of the program model that comes from the patient's records (everything but the
 * visits): built once when the records are read, then combined with each read of visits.
 */
export function programPatientOfRecords(records: PatientRecords, options: ProgramPatientOptions): ProgramPatient {
  const tz = options.timeZone;
  const read = readAdministrations({ observations: records.observations, questionnaireResponses: records.questionnaireResponses, questionnaires: records.questionnaires });
  const scores: ProgramScore[] = [];
  for (const a of read.administrations) {
    if (a.instrument === 'gad2' || a.total === undefined || a.completeness === 'incomplete') continue;
    if (a.status !== 'final' && !options.countPreliminary) continue;
    const date = localDateOfFhirDateTime(a.effective, tz) ?? a.localDate;
    if (!date) continue;
    scores.push({ instrument: a.instrument, date, instant: a.instant ?? 0, total: a.total, id: a.id });
  }
  scores.sort((x, y) => x.date.localeCompare(y.date) || x.instant - y.instant);
  const registry = readRegistryRecords(records.observations, records.flags);
  const contacts: ProgramContact[] = readContacts(records.observations, tz)
    .contacts.filter((c) => !c.enteredInError && c.outcome === 'completed')
    .map((c) => ({ date: c.localDate, instant: c.instant, type: c.type }));
  const reviews = registry.reviews.map((r) => r.date);
  const enrollment = deriveEnrollment(registry.events, {
    today: options.today,
    serviceDates: [...scores.map((s) => s.date), ...reviews, ...contacts.map((c) => c.date)],
    ...(options.registrySettings ? { settings: options.registrySettings } : {}),
  });
  const episodes: ProgramEpisode[] = enrollment.episodes.flatMap((e) => (e.enrolledOn ? [{ enrolledOn: e.enrolledOn, end: e.end, careManager: e.careManager, pcp: e.pcp }] : []));
  const summary = records.patient ? summarizePatient(records.patient, new Date(0)) : undefined;
  return {
    id: records.patientId,
    name: summary?.name ?? `Patient ${records.patientId}`,
    mrn: summary?.mrn,
    recordsProblem: records.failures.length ? records.failures.join('; ') : undefined,
    encountersProblem: 'visits not read yet',
    demographics: demographicsOf(records.patient),
    episodes,
    scores,
    contacts,
    reviews,
    visits: [],
  };
}

/** A patient's program model with its visits as read (or why they could not be). */
export function withVisits(patient: ProgramPatient, encounters: EncounterRead | undefined, timeZone: string): ProgramPatient {
  return {
    ...patient,
    encountersProblem: encounters === undefined ? 'visits not read yet' : 'problem' in encounters ? encounters.problem : undefined,
    visits: encounters && 'encounters' in encounters ? visitDates(encounters.encounters, timeZone) : [],
  };
}
