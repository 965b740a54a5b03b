/**
 * Stratification: the same rows per care manager, PCP, clinic, age band, sex, race,
 * ethnicity or preferred language, so a program can see where and for whom it does less
 * well. A value not recorded is its own stratum, never folded into another.
 */
import { differenceInYears, parseISO } from 'date-fns';
import type { MeasureCase, ProgramPatient } from './types.ts';

export type StratifyBy = 'careManager' | 'pcp' | 'clinic' | 'ageBand' | 'sex' | 'race' | 'ethnicity' | 'language';

export const STRATIFY_LABEL: Readonly<Record<StratifyBy, string>> = {
  careManager: 'Care manager',
  pcp: 'PCP',
  clinic: 'Clinic',
  ageBand: 'Age band',
  sex: 'Sex',
  race: 'Race',
  ethnicity: 'Ethnicity',
  language: 'Preferred language',
};

export const NOT_RECORDED = 'not recorded';

/** Age bands of the program reports (12-17, 18-44, 45-64, 65+), at a given date. */
export function ageBand(birthDate: string | undefined, on: string): string {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return NOT_RECORDED;
  const age = differenceInYears(parseISO(on), parseISO(birthDate));
  if (age < 12) return 'under 12';
  if (age < 18) return '12-17';
  if (age < 45) return '18-44';
  if (age < 65) return '45-64';
  return '65+';
}

/** The stratum key of a case (references for people and clinics: the view names them). */
export function stratumOf(by: StratifyBy, c: MeasureCase, patient: ProgramPatient | undefined, on: string): string {
  const d = patient?.demographics;
  switch (by) {
    case 'careManager':
      return c.careManager ?? NOT_RECORDED;
    case 'pcp':
      return c.pcp ?? d?.generalPractitioner ?? NOT_RECORDED;
    case 'clinic':
      return d?.clinic ?? NOT_RECORDED;
    case 'ageBand':
      return ageBand(d?.birthDate, on);
    case 'sex':
      return d && d.sex !== 'Unknown' ? d.sex : NOT_RECORDED;
    case 'race':
      return d?.race ?? NOT_RECORDED;
    case 'ethnicity':
      return d?.ethnicity ?? NOT_RECORDED;
    case 'language':
      return d?.language ?? NOT_RECORDED;
  }
}

/** Cases grouped by stratum; strata sorted by name with "not recorded" last. */
export function stratify(cases: readonly MeasureCase[], by: StratifyBy, patients: ReadonlyMap<string, ProgramPatient>, on: string): Map<string, MeasureCase[]> {
  const groups = new Map<string, MeasureCase[]>();
  for (const c of cases) {
    const key = stratumOf(by, c, patients.get(c.patientId), on);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a === NOT_RECORDED ? 1 : b === NOT_RECORDED ? -1 : a.localeCompare(b))));
}

/** Every stratum any row uses, in display order. */
export function strataKeys(groups: readonly Map<string, MeasureCase[]>[]): string[] {
  const keys = new Set<string>();
  for (const g of groups) for (const k of g.keys()) keys.add(k);
  return [...keys].sort((a, b) => (a === NOT_RECORDED ? 1 : b === NOT_RECORDED ? -1 : a.localeCompare(b)));
}
