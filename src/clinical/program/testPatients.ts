// Test builders for the program model (used by tests only): a patient spelled as dates.
import { addDays } from '../enrollment/calendar.ts';
import type { ProgramContact, ProgramEpisode, ProgramPatient, ProgramScore } from './types.ts';

export interface PatientSpec {
  id?: string;
  episodes?: Partial<ProgramEpisode>[];
  /** [instrument, date, total] or [instrument, date, total, hh:mm] */
  scores?: [ProgramScore['instrument'], string, number, string?][];
  contacts?: [string, ProgramContact['type']?][];
  reviews?: string[];
  visits?: string[];
  recordsProblem?: string;
  encountersProblem?: string;
  demographics?: Partial<ProgramPatient['demographics']>;
}

export function programPatient(spec: PatientSpec): ProgramPatient {
  const id = spec.id ?? 'p1';
  const at = (date: string, time = '12:00') => Date.parse(`${date}T${time}:00Z`);
  return {
    id,
    name: `Patient ${id}`,
    mrn: undefined,
    recordsProblem: spec.recordsProblem,
    encountersProblem: spec.encountersProblem,
    demographics: {
      birthDate: '1980-01-01',
      sex: 'Female',
      race: undefined,
      ethnicity: undefined,
      language: undefined,
      clinic: undefined,
      generalPractitioner: undefined,
      ...spec.demographics,
    },
    episodes: (spec.episodes ?? []).map((e) => ({ enrolledOn: '2026-01-01', end: undefined, careManager: 'Practitioner/cm1', pcp: 'Practitioner/pcp1', ...e })),
    scores: (spec.scores ?? []).map(([instrument, date, total, time], i) => ({ instrument, date, total, instant: at(date, time), id: `${instrument}-${i}` })),
    contacts: (spec.contacts ?? []).map(([date, type], i) => ({ date, type: type ?? 'follow-up', instant: at(date) + i })),
    reviews: spec.reviews ?? [],
    visits: spec.visits ?? [],
  };
}

/** The date `n` days after `date`. */
export const day = (date: string, n: number) => addDays(date, n);
