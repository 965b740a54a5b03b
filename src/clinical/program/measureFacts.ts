/**
 * The measures group by group, for a population that arrives in batches: each group of
 * patients' part of every row (its cases, its exclusions, who could not be read) is worked out
 * once, and the rows are put together from those parts in the order `computeMeasures` gives
 * them, so the table can follow every batch without computing everyone again. The rows put
 * together are the same as `computeMeasures` over the same patients (measureFacts.test.ts).
 */
import { compute, MEASURE_IDS, MEASURE_NAMES, NEEDS_VISITS, unreadFor } from './measures.ts';
import { monthsOf } from './processMeasures.ts';
import type { ProgramMeasureSettings } from './settings.ts';
import type { ExcludedCase, MeasureCase, MeasureId, MeasureResult, Period, ProgramPatient } from './types.ts';

/** One group's part of one row. */
export interface MeasureFact {
  readonly cases: readonly MeasureCase[];
  readonly excluded: readonly ExcludedCase[];
  /** Not counted: the records (or, for the screening rows, the visits) could not be read. */
  readonly couldNotRead: readonly string[];
}

export type PatientFacts = Readonly<Partial<Record<MeasureId, MeasureFact>>>;

/** The rows that need only the patient's records, and the two that need its visits too. */
export const RECORD_MEASURE_IDS: readonly MeasureId[] = MEASURE_IDS.filter((id) => !NEEDS_VISITS.has(id));
export const VISIT_MEASURE_IDS: readonly MeasureId[] = MEASURE_IDS.filter((id) => NEEDS_VISITS.has(id));

const NONE: MeasureFact = { cases: [], excluded: [], couldNotRead: [] };

/** A group of patients' part of the rows named, for one period (the patients in the population's order). */
export function groupFacts(patients: readonly ProgramPatient[], ids: readonly MeasureId[], period: Period, settings: ProgramMeasureSettings): PatientFacts {
  const out: Partial<Record<MeasureId, MeasureFact>> = {};
  for (const id of ids) {
    const readable = patients.filter((p) => !unreadFor(id, p));
    const couldNotRead = readable.length === patients.length ? [] : patients.filter((p) => unreadFor(id, p)).map((p) => p.id);
    out[id] = { ...compute(id, readable, period, settings), couldNotRead };
  }
  return out;
}

/**
 * Every row from the groups' parts, in the population's order (each part holds every row).
 * Two rows do not simply follow the groups: the monthly contact rate lists month by month
 * (each month's patients in order), and the review of non-improvers lists first the episodes
 * without a usable baseline (everyone's), then those that improved (everyone's), as its
 * from-scratch computation does.
 */
export function combineFacts(facts: readonly PatientFacts[], period: Period): MeasureResult[] {
  const months = monthsOf(period);
  return MEASURE_IDS.map((id) => {
    const cases: MeasureCase[] = [];
    const excluded: ExcludedCase[] = [];
    const couldNotRead: string[] = [];
    const parts: MeasureFact[] = facts.map((f) => f[id] ?? NONE);
    for (const part of parts) for (const x of part.couldNotRead) couldNotRead.push(x);
    if (id === 'monthly-contact') {
      const byMonth = new Map<string, MeasureCase[]>(months.map((m) => [m, []]));
      for (const part of parts) for (const c of part.cases) byMonth.get(c.unit)?.push(c);
      for (const list of byMonth.values()) for (const c of list) cases.push(c);
    } else if (id === 'review-non-improvers') {
      // A group's own list is its episodes without a usable baseline (as in improved-70), then its improved ones.
      const improvedFrom = facts.map((f) => (f['improved-70'] ?? NONE).excluded.length);
      parts.forEach((part, i) => {
        for (const c of part.cases) cases.push(c);
        for (let j = 0; j < (improvedFrom[i] as number); j++) excluded.push(part.excluded[j] as ExcludedCase);
      });
      parts.forEach((part, i) => {
        for (let j = improvedFrom[i] as number; j < part.excluded.length; j++) excluded.push(part.excluded[j] as ExcludedCase);
      });
    } else {
      for (const part of parts) {
        for (const c of part.cases) cases.push(c);
        for (const x of part.excluded) excluded.push(x);
      }
    }
    return { id, name: MEASURE_NAMES[id], hasRate: id !== 'active-caseload', cases, excluded, couldNotRead };
  });
}
