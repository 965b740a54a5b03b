/**
 * Conditions read into the rows the Treatment section shows: behavioural health diagnoses
 * (recognised by code or by name) and every other condition. The same diagnosis recorded on
 * the problem list and again at each visit is one row that says where it was recorded.
 */
import type { CodeableConcept, Condition } from '@medplum/fhirtypes';
import type { IgnoredRecord, UnreadableRecord } from '../read/types.ts';
import { BEHAVIORAL_CATEGORY_LABELS, type BehavioralCategory } from './codes/conditionCodes.ts';
import { CONDITION_CATEGORY_SYSTEM, SNOMED_SYSTEM } from './codes/systems.ts';
import { datePoint } from './medicationOrders.ts';
import { type DiagnosisRecognition, isIcd10System, normalizeIcd10, recognizeDiagnosis } from './recognizeDiagnosis.ts';

export type ConditionSource = 'problem-list-item' | 'encounter-diagnosis' | 'health-concern' | 'other';

export const CONDITION_SOURCE_WORDS: Readonly<Record<ConditionSource, string>> = {
  'problem-list-item': 'problem list',
  'encounter-diagnosis': 'encounter diagnosis',
  'health-concern': 'health concern',
  other: 'other',
};

export interface DiagnosisEntry {
  key: string;
  name: string;
  /** "ICD-10-CM F32.1", "SNOMED CT 21897009"; undefined for free text. */
  codeLabel: string | undefined;
  category: BehavioralCategory | undefined;
  categoryLabel: string | undefined;
  recognisedBy: DiagnosisRecognition | undefined;
  /** active, recurrence, relapse, inactive, remission, resolved; undefined when not stated. */
  clinicalStatus: string | undefined;
  active: boolean;
  /** Onset as a date (yyyy-MM-dd) or as written (age, text). */
  onset: string | undefined;
  onsetInstant: number | undefined;
  sources: ConditionSource[];
  /** Times it was recorded as an encounter diagnosis. */
  encounterCount: number;
  references: string[];
  problems: string[];
}

export interface DiagnosesResult {
  /** Behavioural health diagnoses: active first, then by onset, newest first. */
  behavioral: DiagnosisEntry[];
  other: DiagnosisEntry[];
  ignored: IgnoredRecord[];
  unreadable: UnreadableRecord[];
}

const ACTIVE = new Set(['active', 'recurrence', 'relapse']);

function codeOf(system: string | undefined): string | undefined {
  return system === SNOMED_SYSTEM ? 'SNOMED CT' : isIcd10System(system) ? 'ICD-10-CM' : undefined;
}

function statusCode(concept: CodeableConcept | undefined): string | undefined {
  const code = Array.isArray(concept?.coding) ? concept.coding.find((c) => typeof c?.code === 'string')?.code : undefined;
  return code ?? (typeof concept?.text === 'string' ? concept.text.toLowerCase() : undefined);
}

function sourcesOf(condition: Condition): ConditionSource[] {
  const codes = (Array.isArray(condition.category) ? condition.category : []).flatMap((c) =>
    (Array.isArray(c?.coding) ? c.coding : []).filter((x) => x?.system === CONDITION_CATEGORY_SYSTEM).map((x) => x.code),
  );
  const known = codes.filter((c): c is ConditionSource => c === 'problem-list-item' || c === 'encounter-diagnosis' || c === 'health-concern');
  return known.length ? [...new Set(known)] : ['other'];
}

function onsetOf(condition: Condition): { onset: string | undefined; instant: number | undefined } {
  const point = datePoint(condition.onsetDateTime) ?? datePoint(condition.onsetPeriod?.start);
  if (point) return { onset: point.localDate ?? point.written, instant: point.instant };
  if (typeof condition.onsetString === 'string' && condition.onsetString.trim()) return { onset: condition.onsetString.trim(), instant: undefined };
  if (typeof condition.onsetAge?.value === 'number') return { onset: `age ${condition.onsetAge.value}`, instant: undefined };
  return { onset: undefined, instant: undefined };
}

function entryOf(condition: Condition): DiagnosisEntry | { unreadable: string } | { ignored: string } {
  const verification = statusCode(condition.verificationStatus);
  if (verification === 'entered-in-error') return { ignored: 'marked entered in error' };
  if (verification === 'refuted') return { ignored: 'refuted' };
  const concept = condition.code;
  const codings = Array.isArray(concept?.coding) ? concept.coding.filter((c) => c && typeof c.code === 'string') : [];
  const text = typeof concept?.text === 'string' && concept.text.trim() ? concept.text.trim() : undefined;
  const display = codings.find((c) => typeof c.display === 'string' && c.display.trim())?.display?.trim();
  const preferred = codings.find((c) => isIcd10System(c.system)) ?? codings.find((c) => c.system === SNOMED_SYSTEM) ?? codings[0];
  const name = text ?? display ?? (preferred ? `Condition code ${preferred.code}` : undefined);
  if (!name) return { unreadable: 'has neither a code nor a name' };
  const recognized = recognizeDiagnosis(concept);
  const clinicalStatus = statusCode(condition.clinicalStatus);
  const { onset, instant } = onsetOf(condition);
  const problems: string[] = [];
  if (!codings.length) problems.push('free text only, no code');
  if (recognized?.by === 'name' && codings.length) problems.push('code not on the list: recognised by its name');
  const system = preferred ? codeOf(preferred.system) : undefined;
  const codeValue = preferred?.code as string | undefined;
  const key =
    preferred && isIcd10System(preferred.system)
      ? `icd:${normalizeIcd10(codeValue as string)}`
      : preferred
        ? `${preferred.system ?? ''}|${codeValue}`
        : `text:${name.toLowerCase()}`;
  const sources = sourcesOf(condition);
  return {
    key,
    name,
    codeLabel: codeValue ? `${system ?? 'code'} ${codeValue}` : undefined,
    category: recognized?.category,
    categoryLabel: recognized ? BEHAVIORAL_CATEGORY_LABELS[recognized.category] : undefined,
    recognisedBy: recognized?.by,
    clinicalStatus,
    active: clinicalStatus === undefined || ACTIVE.has(clinicalStatus),
    onset,
    onsetInstant: instant,
    sources,
    encounterCount: sources.includes('encounter-diagnosis') ? 1 : 0,
    references: [`Condition/${condition.id ?? '?'}`],
    problems,
  };
}

/** One row per diagnosis: the problem list entry speaks for the row, visits add to its count. */
function merge(into: DiagnosisEntry, next: DiagnosisEntry): void {
  const nextIsProblemList = next.sources.includes('problem-list-item') && !into.sources.includes('problem-list-item');
  if (nextIsProblemList) {
    into.name = next.name;
    into.clinicalStatus = next.clinicalStatus;
    into.active = next.active;
  }
  if (next.onsetInstant !== undefined && (into.onsetInstant === undefined || next.onsetInstant < into.onsetInstant)) {
    into.onset = next.onset;
    into.onsetInstant = next.onsetInstant;
  }
  into.sources = [...new Set([...into.sources, ...next.sources])];
  into.encounterCount += next.encounterCount;
  into.references.push(...next.references);
  for (const p of next.problems) if (!into.problems.includes(p)) into.problems.push(p);
}

export function readDiagnoses(conditions: readonly Condition[]): DiagnosesResult {
  const rows = new Map<string, DiagnosisEntry>();
  const ignored: IgnoredRecord[] = [];
  const unreadable: UnreadableRecord[] = [];
  for (const condition of conditions) {
    if (!condition || typeof condition !== 'object') continue;
    const reference = `Condition/${condition.id ?? '?'}`;
    let entry: ReturnType<typeof entryOf>;
    try {
      entry = entryOf(condition);
    } catch {
      entry = { unreadable: 'could not be read (malformed record)' };
    }
    if ('ignored' in entry) ignored.push({ reference, reason: entry.ignored });
    else if ('unreadable' in entry) unreadable.push({ reference, reason: entry.unreadable });
    else {
      const existing = rows.get(entry.key);
      if (existing) merge(existing, entry);
      else rows.set(entry.key, entry);
    }
  }
  const sorted = [...rows.values()].sort(
    (a, b) => Number(b.active) - Number(a.active) || (b.onsetInstant ?? -Infinity) - (a.onsetInstant ?? -Infinity) || a.name.localeCompare(b.name),
  );
  return { behavioral: sorted.filter((r) => r.category), other: sorted.filter((r) => !r.category), ignored, unreadable };
}
