/**
 * The measure facts (per period) and care gaps (per day) of a population in groups of
 * GROUP_SIZE patients, in the population's order, each kept until one of its patients'
 * models changes: a population that grows batch by batch costs the new groups only, and a
 * group is computed as one small population (the measures cost per patient falls with the
 * group's size). The rows that need only records are kept apart from the two screening rows,
 * so the visits arriving (for everyone at once when the EHR lists them across patients)
 * recompute those two rows, not all ten. A model is "the same" when the arrays and values the
 * facts read are the same objects (the program model is never changed in place).
 */
import { gapsOfPatient, type CareGap, type CareGapOptions } from './careGaps.ts';
import { groupFacts, RECORD_MEASURE_IDS, VISIT_MEASURE_IDS, type PatientFacts } from './measureFacts.ts';
import type { ProgramMeasureSettings } from './settings.ts';
import type { Period, ProgramPatient } from './types.ts';

/** Patients per group (the population's read batch). */
export const GROUP_SIZE = 50;

/** Periods kept per group: the table's and its twelve trend months, with room for a change of period. */
const MAX_PERIODS = 40;

interface Group {
  /** The models the record facts and gaps were computed from. */
  records: readonly ProgramPatient[];
  recordFacts: Map<string, PatientFacts>;
  gaps: { key: string; list: readonly CareGap[] } | undefined;
  /** The models the screening facts were computed from. */
  visits: readonly ProgramPatient[];
  visitFacts: Map<string, PatientFacts>;
  /** Both parts together, as `combineFacts` takes them, per period. */
  merged: Map<string, { record: PatientFacts; visit: PatientFacts; all: PatientFacts }>;
}

function sameRecords(a: ProgramPatient, b: ProgramPatient): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.recordsProblem === b.recordsProblem &&
      a.demographics === b.demographics &&
      a.episodes === b.episodes &&
      a.scores === b.scores &&
      a.contacts === b.contacts &&
      a.reviews === b.reviews)
  );
}

function sameVisits(a: ProgramPatient, b: ProgramPatient): boolean {
  return a === b || (sameRecords(a, b) && a.visits === b.visits && a.encountersProblem === b.encountersProblem);
}

function sameAll(a: readonly ProgramPatient[], b: readonly ProgramPatient[], same: (x: ProgramPatient, y: ProgramPatient) => boolean): boolean {
  return a.length === b.length && a.every((p, i) => same(p, b[i] as ProgramPatient));
}

function keyOf(period: Period): string {
  return `${period.start}/${period.end}`;
}

function cached(map: Map<string, PatientFacts>, key: string, make: () => PatientFacts): PatientFacts {
  let found = map.get(key);
  if (!found) {
    if (map.size >= MAX_PERIODS) map.clear();
    found = make();
    map.set(key, found);
  }
  return found;
}

/** The population in groups of GROUP_SIZE, in order. */
export function groupsOf(patients: readonly ProgramPatient[]): ProgramPatient[][] {
  const out: ProgramPatient[][] = [];
  for (let i = 0; i < patients.length; i += GROUP_SIZE) out.push(patients.slice(i, i + GROUP_SIZE));
  return out;
}

export class ProgramFactsCache {
  private groups: Group[] = [];

  constructor(readonly settings: ProgramMeasureSettings) {}

  /** The kept group at this position, emptied of what no longer holds for these patients. */
  private group(index: number, patients: readonly ProgramPatient[]): Group {
    let g = this.groups[index];
    if (!g) {
      g = { records: patients, recordFacts: new Map(), gaps: undefined, visits: patients, visitFacts: new Map(), merged: new Map() };
      this.groups[index] = g;
    }
    if (g.records !== patients && !sameAll(g.records, patients, sameRecords)) {
      g.recordFacts.clear();
      g.gaps = undefined;
    }
    g.records = patients;
    if (g.visits !== patients && !sameAll(g.visits, patients, sameVisits)) g.visitFacts.clear();
    g.visits = patients;
    return g;
  }

  /** The part of every row of the group at `index` (`groupsOf`) for the period, computed only when one of its models changed. */
  facts(index: number, patients: readonly ProgramPatient[], period: Period): PatientFacts {
    const g = this.group(index, patients);
    const key = keyOf(period);
    const record = cached(g.recordFacts, key, () => groupFacts(patients, RECORD_MEASURE_IDS, period, this.settings));
    const visit = cached(g.visitFacts, key, () => groupFacts(patients, VISIT_MEASURE_IDS, period, this.settings));
    const merged = g.merged.get(key);
    if (merged && merged.record === record && merged.visit === visit) return merged.all;
    if (g.merged.size >= MAX_PERIODS) g.merged.clear();
    const all = { ...record, ...visit };
    g.merged.set(key, { record, visit, all });
    return all;
  }

  /** The group's open care gaps as of `options.today`, unsorted (none for patients whose records could not be read). */
  gaps(index: number, patients: readonly ProgramPatient[], options: Omit<CareGapOptions, 'settings'>): readonly CareGap[] {
    const g = this.group(index, patients);
    const key = `${options.today}/${options.scaleCadenceDays}`;
    if (g.gaps?.key !== key) {
      const o = { ...options, settings: this.settings };
      g.gaps = { key, list: patients.filter((p) => p.recordsProblem === undefined).flatMap((p) => gapsOfPatient(p, o)) };
    }
    return g.gaps.list;
  }

  /** Drops the groups past the population's end (memory). */
  keepGroups(count: number): void {
    this.groups.length = Math.min(this.groups.length, count);
  }
}
