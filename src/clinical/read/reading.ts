import type { InstrumentId } from '../instruments/types.ts';
import type { AnswerReading } from './answers.ts';
import type { AdministrationStatus } from './types.ts';

/**
 * Everything found about one administration before it is scored. Readers add evidence;
 * assemble.ts turns it into an Administration. Keeping evidence (not conclusions) lets
 * de-duplication merge two records and simply score again.
 */
export interface Reading {
  instrument: InstrumentId;
  /**
   * 'form': a QuestionnaireResponse; its items are the whole record, so an absent item was
   * not answered. 'observations': items are whatever Observations happened to be found.
   */
  basis: 'form' | 'observations';
  primarySource: string;
  sources: Set<string>;
  effective: string | undefined;
  effectiveProblem: string | undefined;
  status: AdministrationStatus;
  /**
   * Evidence per item number (PHQ-9 / GAD-7 numbering; index 0 unused, no entry for an item
   * without evidence). An array, not a Map: one is built per record, and Map growth was the
   * model's hottest line.
   */
  items: (ItemEvidence[] | undefined)[];
  totals: RecordedTotal[];
  difficulty: string | undefined;
  problems: string[];
}

export interface ItemEvidence {
  readonly answer: AnswerReading;
  readonly source: string;
  /** True when it came from the reading's own form (not an Observation merged in later). */
  readonly primary: boolean;
}

export interface RecordedTotal {
  readonly value: number | undefined;
  readonly problem: string | undefined;
  readonly source: string;
  readonly kind: 'form' | 'observation';
}

export function newReading(init: {
  instrument: InstrumentId;
  basis: Reading['basis'];
  source: string;
  effective: string | undefined;
  effectiveProblem?: string | undefined;
  status: AdministrationStatus;
}): Reading {
  return {
    instrument: init.instrument,
    basis: init.basis,
    primarySource: init.source,
    sources: new Set([init.source]),
    effective: init.effective,
    effectiveProblem: init.effectiveProblem,
    status: init.status,
    items: [],
    totals: [],
    difficulty: undefined,
    problems: [],
  };
}

export function addItemEvidence(reading: Reading, itemNumber: number, evidence: ItemEvidence): void {
  const list = reading.items[itemNumber];
  if (list) list.push(evidence);
  else reading.items[itemNumber] = [evidence];
}

/** Whether any item has evidence (a value or not). */
export function hasItemEvidence(reading: Reading): boolean {
  for (const list of reading.items) if (list !== undefined && list.length > 0) return true;
  return false;
}

export function addProblem(reading: Reading, problem: string): void {
  if (!reading.problems.includes(problem)) reading.problems.push(problem);
}

/**
 * Folds `other` into `target` as secondary evidence: the target's own form keeps the say
 * on item scores, but every value stays visible (item 9 takes the highest of all).
 */
export function mergeReading(target: Reading, other: Reading): void {
  for (const s of other.sources) target.sources.add(s);
  other.items.forEach((list, n) => {
    for (const e of list ?? []) addItemEvidence(target, n, { ...e, primary: target.basis === 'observations' && e.primary });
  });
  for (const t of other.totals) target.totals.push({ ...t, kind: t.kind === 'form' && target.basis === 'form' ? 'observation' : t.kind });
  target.difficulty ??= other.difficulty;
  if (other.status === 'final') target.status = 'final';
  if (target.effective === undefined) {
    target.effective = other.effective;
    target.effectiveProblem = other.effectiveProblem;
  }
  for (const p of other.problems) addProblem(target, p);
}
