import { INSTRUMENTS } from '../instruments/definitions.ts';
import type { ReportSource } from '../patientReports/reportSource.ts';
import type { ClinicalSettings } from '../settings.ts';
import { assemble } from './assemble.ts';
import { addProblem, mergeReading, type Reading } from './reading.ts';
import { compareStrings } from './references.ts';
import type { Administration } from './types.ts';

export interface Candidate {
  readonly reading: Reading;
  readonly administration: Administration;
}

/**
 * One administration is counted once. A form and an Observation (or two Observations) of the
 * same instrument, local date and total are one administration with both sources. Two forms
 * merge only when they are the same recording: same timestamp and same item answers (a form
 * posted twice), since two forms on one day may really be two administrations.
 */
export function dedupe(candidates: readonly Candidate[], settings: ClinicalSettings, givenBy?: ReadonlyMap<string, ReportSource>): Candidate[] {
  const sorted = [...candidates].sort((a, b) => compareStrings(a.reading.primarySource, b.reading.primarySource) || compareStrings(a.administration.id, b.administration.id));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // Only administrations of one instrument on one local date can be the same: compare
  // within those buckets (pairs in the same order as over the whole list), not all pairs.
  for (const bucket of sameDayIndexes(sorted).values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = bucket[x]!;
        const j = bucket[y]!;
        if (isSameAdministration(sorted[i]!, sorted[j]!)) parent[find(j)] = find(i);
      }
    }
  }
  const groups = new Map<number, Candidate[]>();
  sorted.forEach((c, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(c);
    else groups.set(root, [c]);
  });

  const result: Candidate[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      result.push(group[0]!);
      continue;
    }
    // The form is the source of truth; among equals the smallest reference leads.
    const ordered = [...group].sort((a, b) => basisRank(a.reading) - basisRank(b.reading) || compareStrings(a.reading.primarySource, b.reading.primarySource));
    const [lead, ...rest] = ordered as [Candidate, ...Candidate[]];
    const merged = cloneReading(lead.reading);
    for (const other of rest) mergeReading(merged, other.reading);
    result.push({ reading: merged, administration: assemble(merged, settings, givenBy) });
  }
  return flagSameDayDisagreements(result, settings, givenBy);
}

/**
 * Indexes into `list` per local date, in list order; undated ones in none. Instruments share
 * a bucket (both comparisons check the instrument): the date alone is a cheaper key.
 */
function sameDayIndexes(list: readonly Candidate[]): Map<string, number[]> {
  const buckets = new Map<string, number[]>();
  list.forEach((c, i) => {
    const day = c.administration.localDate;
    if (day === undefined) return;
    const bucket = buckets.get(day);
    if (bucket) bucket.push(i);
    else buckets.set(day, [i]);
  });
  return buckets;
}

function basisRank(r: Reading): number {
  return r.basis === 'form' ? 0 : 1;
}

function isSameAdministration(a: Candidate, b: Candidate): boolean {
  const x = a.administration;
  const y = b.administration;
  if (x.instrument !== y.instrument || x.localDate === undefined || x.localDate !== y.localDate) return false;
  if (x.total === undefined || x.total !== y.total) return false;
  if (a.reading.basis === 'form' && b.reading.basis === 'form') {
    return x.effective === y.effective && x.items.every((item, i) => item.score === y.items[i]?.score);
  }
  return true;
}

/** Two different scores for one instrument on one day: both kept, each says so. */
function flagSameDayDisagreements(candidates: Candidate[], settings: ClinicalSettings, givenBy: ReadonlyMap<string, ReportSource> | undefined): Candidate[] {
  const out: Candidate[] = [];
  const sameDay = sameDayIndexes(candidates);
  for (const c of candidates) {
    const a = c.administration;
    const bucket = a.localDate === undefined ? undefined : sameDay.get(a.localDate);
    // Alone on its day (most are): nothing to compare with.
    if (bucket === undefined || bucket.length < 2) {
      out.push(c);
      continue;
    }
    const others: Candidate[] = [];
    for (const i of bucket) {
      const o = candidates[i]!;
      if (
        o !== c &&
        o.administration.instrument === a.instrument &&
        a.localDate !== undefined &&
        o.administration.localDate === a.localDate &&
        o.administration.total !== undefined &&
        a.total !== undefined &&
        o.administration.total !== a.total
      ) {
        others.push(o);
      }
    }
    if (others.length === 0) {
      out.push(c);
      continue;
    }
    const reading = cloneReading(c.reading);
    for (const o of others.sort((p, q) => compareStrings(p.administration.id, q.administration.id))) {
      addProblem(reading, `another ${INSTRUMENTS[a.instrument].name} on ${a.localDate} scored ${o.administration.total} (${o.reading.primarySource})`);
    }
    out.push({ reading, administration: assemble(reading, settings, givenBy) });
  }
  return out;
}

function cloneReading(r: Reading): Reading {
  return {
    ...r,
    sources: new Set(r.sources),
    items: r.items.map((list) => (list === undefined ? undefined : [...list])),
    totals: [...r.totals],
    problems: [...r.problems],
  };
}
