/**
 * Is a medication a psychotropic, and which? An RxNorm ingredient code is matched directly; a
 * product code (SCD/SBD), a local code or no code at all is matched by the ingredient or brand
 * name in its text, so "sertraline 50 MG Oral Tablet" and "Zoloft 100mg" both read as sertraline.
 */
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import { PSYCHOTROPIC_CLASS_LABELS, PSYCHOTROPICS, type PsychotropicClass, type PsychotropicIngredient } from './codes/medicationCodes.ts';
import { RXNORM_SYSTEM } from './codes/systems.ts';

export type MedicationRecognition = 'rxnorm-ingredient' | 'coded-product-name' | 'name';

export interface DrugIdentity {
  /** Stable key: the ingredient names, sorted, joined with " / ". */
  key: string;
  /** Generic name(s) to show. */
  name: string;
  ingredients: readonly PsychotropicIngredient[];
  class: PsychotropicClass;
  classLabel: string;
  by: MedicationRecognition;
}

const BY_RXCUI = new Map(PSYCHOTROPICS.filter((i) => i.rxcui).map((i) => [i.rxcui as string, i]));

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// One pattern per ingredient; whole words so "citalopram" does not match inside "escitalopram".
const NAME_PATTERNS = PSYCHOTROPICS.map((ingredient) => ({
  ingredient,
  pattern: new RegExp(`(?<![A-Za-z])(?:${[ingredient.name, ...ingredient.aliases].map(escape).join('|')})(?![A-Za-z])`, 'i'),
}));

/** Ingredients named in a text, in the order they appear. */
export function ingredientsInText(text: string): PsychotropicIngredient[] {
  const found: { ingredient: PsychotropicIngredient; at: number }[] = [];
  for (const { ingredient, pattern } of NAME_PATTERNS) {
    const match = pattern.exec(text);
    if (match) found.push({ ingredient, at: match.index });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.ingredient);
}

export function identityOf(ingredients: readonly PsychotropicIngredient[], by: MedicationRecognition): DrugIdentity | undefined {
  const first = ingredients[0];
  if (!first) return undefined;
  const names = ingredients.map((i) => i.name);
  return {
    key: [...names].sort().join(' / '),
    name: names.join(' / '),
    ingredients,
    class: first.class,
    classLabel: PSYCHOTROPIC_CLASS_LABELS[first.class],
    by,
  };
}

function validCodings(concept: CodeableConcept | undefined): Coding[] {
  return Array.isArray(concept?.coding) ? concept.coding.filter((c): c is Coding => Boolean(c && typeof c === 'object')) : [];
}

/** The psychotropic a medication concept names, or undefined when it names none. */
export function recognizePsychotropic(concept: CodeableConcept | undefined, otherNames: readonly string[] = []): DrugIdentity | undefined {
  const codings = validCodings(concept);
  const rxnorm = codings.filter((c) => c.system === RXNORM_SYSTEM && typeof c.code === 'string');
  const coded = rxnorm.map((c) => BY_RXCUI.get((c.code as string).trim())).filter((i): i is PsychotropicIngredient => Boolean(i));
  if (coded.length) return identityOf([...new Set(coded)], 'rxnorm-ingredient');
  const texts = [concept?.text, ...codings.map((c) => c.display), ...otherNames].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  const named = new Set<PsychotropicIngredient>();
  for (const text of texts) ingredientsInText(text).forEach((i) => named.add(i));
  return identityOf([...named], codings.some((c) => typeof c.code === 'string' && c.code.trim() !== '') ? 'coded-product-name' : 'name');
}

export const RECOGNITION_WORDS: Readonly<Record<MedicationRecognition, string>> = {
  'rxnorm-ingredient': 'RxNorm ingredient code',
  'coded-product-name': 'name in the coded product',
  name: 'name only (no code)',
};
