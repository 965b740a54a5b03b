/**
 * Is a diagnosis a behavioural health one, and of what kind? ICD-10-CM first (the code set US
 * billing uses, so nearly every encounter diagnosis carries it), then SNOMED CT, then words in
 * the name: a free-text problem list entry is still recognised, and says how.
 */
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import { BEHAVIORAL_NAME_PATTERNS, type BehavioralCategory, ICD10_EXCEPTIONS, ICD10_F_BLOCKS, SNOMED_BEHAVIORAL } from './codes/conditionCodes.ts';
import { ICD10_CM_SYSTEM, ICD10_SYSTEM, SNOMED_SYSTEM } from './codes/systems.ts';

export type DiagnosisRecognition = 'icd-10-cm' | 'snomed' | 'name';

export interface RecognizedDiagnosis {
  category: BehavioralCategory;
  by: DiagnosisRecognition;
}

const SNOMED_BY_CODE = new Map(SNOMED_BEHAVIORAL.map((c) => [c.code, c]));

/** "f32.1 " -> "F321": ICD-10 codes are written with and without the dot. */
export function normalizeIcd10(code: string): string {
  return code.trim().toUpperCase().replace(/\./g, '');
}

/** The behavioural category of an ICD-10(-CM) code, or undefined outside chapter 5. */
export function icd10Category(code: string): BehavioralCategory | undefined {
  const normalized = normalizeIcd10(code);
  const match = /^F(\d{2})[0-9A-Z]{0,5}$/.exec(normalized);
  if (!match) return undefined;
  for (const [prefix, category] of Object.entries(ICD10_EXCEPTIONS)) if (normalized.startsWith(prefix)) return category;
  const block = Number(match[1]);
  return ICD10_F_BLOCKS.find((b) => block >= b.from && block <= b.to)?.category;
}

export function isIcd10System(system: string | undefined): boolean {
  return system === ICD10_CM_SYSTEM || system === ICD10_SYSTEM;
}

export function snomedCategory(code: string): BehavioralCategory | undefined {
  return SNOMED_BY_CODE.get(code.trim())?.category;
}

export function categoryFromName(text: string): BehavioralCategory | undefined {
  return BEHAVIORAL_NAME_PATTERNS.find((p) => p.pattern.test(text))?.category;
}

function codings(concept: CodeableConcept | undefined): Coding[] {
  return Array.isArray(concept?.coding) ? concept.coding.filter((c): c is Coding => Boolean(c && typeof c === 'object')) : [];
}

/** How a Condition's code (or text) reads as a behavioural health diagnosis; undefined if it does not. */
export function recognizeDiagnosis(concept: CodeableConcept | undefined): RecognizedDiagnosis | undefined {
  const all = codings(concept);
  for (const c of all) {
    if (isIcd10System(c.system) && typeof c.code === 'string') {
      const category = icd10Category(c.code);
      if (category) return { category, by: 'icd-10-cm' };
    }
  }
  for (const c of all) {
    if (c.system === SNOMED_SYSTEM && typeof c.code === 'string') {
      const category = snomedCategory(c.code);
      if (category) return { category, by: 'snomed' };
    }
  }
  // A known code system that says "not chapter 5" is trusted over words in the name...
  if (all.some((c) => isIcd10System(c.system) && typeof c.code === 'string' && /^[A-EG-Z]/i.test(c.code.trim()))) return undefined;
  // ...otherwise the name decides (free text, local codes, SNOMED concepts not on the list).
  const names = [concept?.text, ...all.map((c) => c.display)].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  for (const name of names) {
    const category = categoryFromName(name);
    if (category) return { category, by: 'name' };
  }
  return undefined;
}
