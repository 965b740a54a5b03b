import { INSTRUMENTS } from '../instruments/definitions.ts';
import { type ReportSource, reportSourceOf } from '../patientReports/reportSource.ts';
import type { InstrumentDefinition } from '../instruments/types.ts';
import { mayProrate, proratedTotal } from '../scoring/prorate.ts';
import { screenResult, severityOf } from '../scoring/severity.ts';
import type { ClinicalSettings } from '../settings.ts';
import { parseFhirDate } from '../time/fhirDate.ts';
import { compareStrings } from './references.ts';
import { hasItemEvidence, type ItemEvidence, type Reading, type RecordedTotal } from './reading.ts';
import type { Administration, Completeness, ItemAnswer, TotalSource } from './types.ts';

/**
 * Scores a reading by the rules in docs/clinical-rules.md. Never throws on odd data.
 * `givenBy` says who gave each record (readAdministrations knows, from the records); without
 * it the administration counts as the clinic's.
 */
export function assemble(reading: Reading, settings: ClinicalSettings, givenBy?: ReadonlyMap<string, ReportSource>): Administration {
  const def = INSTRUMENTS[reading.instrument];
  // A list and a module function rather than a closure per call: this runs once per administration.
  const problems: string[] = [];

  const items: ItemAnswer[] = [];
  for (const item of def.items) items.push(scoreItem(def, item.number, item.loinc, reading, problems));
  let answeredCount = 0;
  let itemSum = 0;
  for (const i of items) {
    if (i.score === undefined) continue;
    answeredCount++;
    itemSum += i.score;
  }
  const missingCount = items.length - answeredCount;
  const hasItemAnswers = hasItemEvidence(reading);
  const totals = validTotals(def, reading.totals, problems);

  let total: number | undefined;
  let totalSource: TotalSource | undefined;
  let completeness: Completeness = 'incomplete';
  const maxMissing = settings.maxMissingItems[def.id];

  if (missingCount === 0) {
    total = itemSum;
    totalSource = 'items';
    completeness = 'complete';
    for (const t of totals) {
      if (t.value !== total) addNote(problems, `${describeTotal(t)} ${t.value} disagrees with item sum ${total}; item sum used`);
    }
  } else if (answeredCount > 0 && mayProrate(missingCount, maxMissing)) {
    total = proratedTotal(
      items.flatMap((i) => (i.score === undefined ? [] : [i.score])),
      items.length,
    );
    totalSource = 'prorated-items';
    completeness = 'prorated';
    addNote(problems, `${missingCount} of ${items.length} items missing; total prorated from the answered items`);
    for (const t of totals) {
      if (t.value !== total) addNote(problems, `${describeTotal(t)} ${t.value} differs from the prorated total ${total}; prorated total used`);
    }
  } else {
    // Too few items to score from them. A recorded total can still stand when nothing else
    // contradicts it: a form that holds only its total, or an EHR total Observation whose
    // item Observations we only partly see. A form's own total over a partial form cannot:
    // it usually counts the missing items as 0.
    const observed = totals.find((t) => t.kind === 'observation');
    const formTotal = totals.find((t) => t.kind === 'form');
    const chosen = answeredCount === 0 && !hasUnreadableItems(reading) ? (formTotal ?? observed) : reading.basis === 'observations' ? observed : undefined;
    if (chosen) {
      total = chosen.value;
      totalSource = chosen.kind === 'form' ? 'form-total' : 'observation';
      completeness = 'complete';
      for (const t of totals) {
        if (t !== chosen && t.value !== chosen.value) addNote(problems, `${describeTotal(t)} ${t.value} differs from ${describeTotal(chosen)} ${chosen.value}`);
      }
    } else {
      const what = `only ${answeredCount} of ${items.length} items answered; not scored`;
      addNote(problems, def.items.length > 2 ? `${what} (at most ${maxMissing} may be missing)` : what);
      for (const t of totals) addNote(problems, `${describeTotal(t)} ${t.value} not used: too many items missing`);
    }
  }

  const date = parseFhirDate(reading.effective);
  if (reading.effective === undefined) addNote(problems, 'no date recorded');
  else if (!date) addNote(problems, `date "${reading.effective}" is not a valid FHIR date`);
  else if (date.precision === 'year' || date.precision === 'month') addNote(problems, `date "${reading.effective}" has no day`);
  if (reading.effectiveProblem) addNote(problems, reading.effectiveProblem);
  if (reading.status === 'preliminary') addNote(problems, 'preliminary: not yet final in the EHR');

  const item9 = def.safetyItemNumber === undefined ? undefined : highestRecorded(reading.items[def.safetyItemNumber]);
  const sources = reading.sources.size === 1 ? [...reading.sources] : [...reading.sources].sort(compareStrings);

  return {
    id: `${def.id}:${reading.primarySource}`,
    instrument: def.id,
    effective: reading.effective,
    localDate: date?.localDate,
    instant: date?.instant,
    total,
    totalSource,
    severity: severityOf(def, total),
    screen: screenResult(def, total),
    completeness,
    status: reading.status,
    items,
    hasItemAnswers,
    item9,
    difficulty: reading.difficulty,
    problems: problems.length === 0 ? reading.problems.slice() : [...reading.problems.filter((p) => !problems.includes(p)), ...problems],
    sources,
    reportedBy: givenBy === undefined ? 'clinic' : reportSourceOf(sources, givenBy),
  };
}

const NO_EVIDENCE: readonly ItemEvidence[] = [];

/** Adds a problem once. */
function addNote(problems: string[], problem: string): void {
  if (!problems.includes(problem)) problems.push(problem);
}

function scoreItem(def: InstrumentDefinition, number: number, loinc: string, reading: Reading, problems: string[]): ItemAnswer {
  const evidence = reading.items[number] ?? NO_EVIDENCE;
  // The common cases, without the general path's allocations (same result): not answered,
  // or one clean answer that decides alone.
  if (evidence.length === 0) return { number, loinc, score: undefined, recorded: undefined, answerDisplay: undefined, missing: true };
  const only = evidence.length === 1 ? evidence[0]! : undefined;
  if (only && only.answer.score !== undefined && !only.answer.problem && (only.primary || reading.basis !== 'form')) {
    return { number, loinc, score: only.answer.score, recorded: only.answer.score, answerDisplay: only.answer.display, missing: false };
  }
  const label = `${def.name} item ${number}`;
  const primary = evidence.filter((e) => e.primary);
  const secondary = evidence.filter((e) => !e.primary);
  // The form decides; Observations fill in only what the form lacks.
  let chosen = primary;
  if (primary.length === 0 && secondary.length > 0) {
    chosen = secondary;
    if (reading.basis === 'form') addNote(problems, `${label} taken from ${sourcesOf(secondary)}`);
  }
  for (const e of evidence) if (e.answer.problem) addNote(problems, `${label}: ${e.answer.problem}`);

  const validScores = [...new Set(chosen.map((e) => e.answer.score).filter((s): s is number => s !== undefined))];
  const anyInvalid = chosen.some((e) => e.answer.score === undefined);
  let score: number | undefined;
  if (validScores.length === 1 && !anyInvalid) score = validScores[0];
  else if (validScores.length > 1 || (validScores.length === 1 && anyInvalid)) {
    addNote(problems, `${label} has conflicting answers (${chosen.map((e) => e.answer.recorded ?? '?').join(', ')}); treated as missing`);
  }
  if (score !== undefined) {
    for (const e of secondary) {
      if (chosen !== secondary && e.answer.score !== undefined && e.answer.score !== score) {
        addNote(problems, `${label} is ${e.answer.score} in ${e.source} but ${score} in the form; form used`);
      }
    }
  }
  const shown = chosen.find((e) => e.answer.score === score && e.answer.display !== undefined);
  return {
    number,
    loinc,
    score,
    recorded: score ?? highestRecorded(chosen),
    answerDisplay: shown?.answer.display,
    missing: score === undefined,
  };
}

function hasUnreadableItems(reading: Reading): boolean {
  return reading.items.some((list) => list !== undefined && list.some((e) => e.answer.score === undefined));
}

function highestRecorded(evidence: readonly ItemEvidence[] | undefined): number | undefined {
  let best: number | undefined;
  for (const e of evidence ?? []) {
    const v = e.answer.recorded;
    if (v !== undefined && (best === undefined || v > best)) best = v;
  }
  return best;
}

function sourcesOf(evidence: readonly ItemEvidence[]): string {
  return [...new Set(evidence.map((e) => e.source))].sort(compareStrings).join(', ');
}

type ValidTotal = RecordedTotal & { readonly value: number };

/** Drops totals that cannot be (a PHQ-9 of 31, a negative, text); each drop is a problem. */
function validTotals(def: InstrumentDefinition, totals: readonly RecordedTotal[], problems: string[]): ValidTotal[] {
  const out: ValidTotal[] = [];
  const sorted = totals.length < 2 ? totals : [...totals].sort((a, b) => (a.kind === b.kind ? compareStrings(a.source, b.source) : a.kind === 'observation' ? 1 : -1));
  for (const t of sorted) {
    if (t.value === undefined) {
      addNote(problems, `${describeTotal(t)}: ${t.problem ?? 'no value'}`);
      continue;
    }
    if (t.value < def.minScore || t.value > def.maxScore) {
      addNote(problems, `${describeTotal(t)} ${t.value} is impossible for the ${def.name} (${def.minScore}-${def.maxScore}); not used`);
      continue;
    }
    if (Number.isInteger(t.value)) {
      out.push(t as ValidTotal);
      continue;
    }
    const value = Math.round(t.value);
    addNote(problems, `${describeTotal(t)} ${t.value} rounded to ${value}`);
    out.push({ ...t, value });
  }
  return out;
}

function describeTotal(t: RecordedTotal): string {
  return t.kind === 'form' ? 'form total' : `total in ${t.source}`;
}
