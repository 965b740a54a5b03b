/**
 * Which diagnoses are behavioural health diagnoses, and of what kind: ICD-10-CM chapter 5
 * (F01-F99) by three-character block, a short list of SNOMED CT concepts, and words in the
 * name when neither code is known. Sources and verification: docs/treatment-codes.md.
 */
export type BehavioralCategory =
  | 'depressive'
  | 'bipolar'
  | 'anxiety'
  | 'obsessive-compulsive'
  | 'trauma-stressor'
  | 'psychotic'
  | 'substance-use'
  | 'neurocognitive'
  | 'neurodevelopmental'
  | 'eating'
  | 'sleep'
  | 'personality'
  | 'other-mental';

export const BEHAVIORAL_CATEGORY_LABELS: Readonly<Record<BehavioralCategory, string>> = {
  depressive: 'Depressive disorder',
  bipolar: 'Bipolar disorder',
  anxiety: 'Anxiety disorder',
  'obsessive-compulsive': 'Obsessive-compulsive disorder',
  'trauma-stressor': 'Trauma- or stressor-related disorder',
  psychotic: 'Psychotic disorder',
  'substance-use': 'Substance use disorder',
  neurocognitive: 'Neurocognitive disorder',
  neurodevelopmental: 'Neurodevelopmental disorder',
  eating: 'Eating disorder',
  sleep: 'Sleep disorder',
  personality: 'Personality disorder',
  'other-mental': 'Other mental or behavioural condition',
};

/** ICD-10-CM chapter 5 blocks, by the number after the F (inclusive ranges). CMS ICD-10-CM tabular list. */
export const ICD10_F_BLOCKS: readonly { from: number; to: number; category: BehavioralCategory }[] = [
  { from: 1, to: 9, category: 'neurocognitive' }, // F01-F09 due to known physiological conditions
  { from: 10, to: 19, category: 'substance-use' }, // F10-F19
  { from: 20, to: 29, category: 'psychotic' }, // F20-F29
  { from: 30, to: 31, category: 'bipolar' }, // F30 manic episode, F31 bipolar disorder
  { from: 32, to: 33, category: 'depressive' }, // F32 single episode, F33 recurrent
  { from: 34, to: 39, category: 'depressive' }, // F34 persistent mood (F34.1 dysthymia; F34.0 see below), F39
  { from: 40, to: 41, category: 'anxiety' }, // F40 phobic, F41 other anxiety (F41.1 GAD)
  { from: 42, to: 42, category: 'obsessive-compulsive' }, // F42
  { from: 43, to: 43, category: 'trauma-stressor' }, // F43 (F43.1 PTSD, F43.2 adjustment)
  { from: 44, to: 49, category: 'other-mental' }, // dissociative, somatoform, other nonpsychotic
  { from: 50, to: 50, category: 'eating' }, // F50
  { from: 51, to: 51, category: 'sleep' }, // F51 not due to a substance or known physiological condition
  { from: 52, to: 59, category: 'other-mental' },
  { from: 60, to: 69, category: 'personality' }, // F60-F69 adult personality and behaviour
  { from: 70, to: 98, category: 'neurodevelopmental' }, // F70-F79 intellectual, F80-F89, F90-F98 (F90 ADHD)
  { from: 99, to: 99, category: 'other-mental' }, // F99 mental disorder, not otherwise specified
];

/** Finer ICD-10-CM codes that belong elsewhere than their block says. */
export const ICD10_EXCEPTIONS: Readonly<Record<string, BehavioralCategory>> = {
  F340: 'bipolar', // F34.0 cyclothymic disorder
};

export interface SnomedConcept {
  code: string;
  display: string;
  category: BehavioralCategory;
  /** Seen with this id and display in a published value set or terminology sample (see the docs). */
  verified: boolean;
}

/**
 * Common SNOMED CT disorders seen on primary care problem lists. SNOMED is a hierarchy with
 * thousands of descendants; concepts not listed here are recognised by their display words.
 */
export const SNOMED_BEHAVIORAL: readonly SnomedConcept[] = [
  { code: '370143000', display: 'Major depressive disorder', category: 'depressive', verified: true },
  { code: '36923009', display: 'Major depression, single episode', category: 'depressive', verified: true },
  { code: '832007', display: 'Moderate major depression', category: 'depressive', verified: true },
  { code: '14183003', display: 'Chronic major depressive disorder, single episode', category: 'depressive', verified: true },
  { code: '2618002', display: 'Chronic recurrent major depressive disorder', category: 'depressive', verified: true },
  { code: '46244001', display: 'Recurrent major depression in full remission', category: 'depressive', verified: true },
  { code: '310496002', display: 'Moderate depression', category: 'depressive', verified: true },
  { code: '35489007', display: 'Depressive disorder', category: 'depressive', verified: false },
  { code: '66344007', display: 'Recurrent major depression', category: 'depressive', verified: false },
  { code: '78667006', display: 'Dysthymia', category: 'depressive', verified: false },
  { code: '21897009', display: 'Generalized anxiety disorder', category: 'anxiety', verified: true },
  { code: '197480006', display: 'Anxiety disorder', category: 'anxiety', verified: true },
  { code: '371631005', display: 'Panic disorder', category: 'anxiety', verified: false },
  { code: '191736004', display: 'Obsessive-compulsive disorder', category: 'obsessive-compulsive', verified: true },
  { code: '47505003', display: 'Posttraumatic stress disorder', category: 'trauma-stressor', verified: false },
  { code: '13746004', display: 'Bipolar disorder', category: 'bipolar', verified: false },
  { code: '5703000', display: 'Bipolar disorder in partial remission', category: 'bipolar', verified: true },
  { code: '58214004', display: 'Schizophrenia', category: 'psychotic', verified: false },
  { code: '406506008', display: 'Attention deficit hyperactivity disorder', category: 'neurodevelopmental', verified: true },
];

/**
 * Words that make a name a behavioural health diagnosis when no code is recognised, most
 * specific first (checked in order; whole words, case-insensitive).
 */
export const BEHAVIORAL_NAME_PATTERNS: readonly { pattern: RegExp; category: BehavioralCategory }[] = [
  { pattern: /\bbipolar\b|\bmanic\b|\bmania\b|\bcyclothymi/i, category: 'bipolar' },
  { pattern: /\bpost-?traumatic\b|\bptsd\b|\bacute stress\b|\badjustment disorder\b/i, category: 'trauma-stressor' },
  { pattern: /\bobsessive|\bocd\b/i, category: 'obsessive-compulsive' },
  { pattern: /\bdepress|\bdysthymi|\bmdd\b/i, category: 'depressive' },
  { pattern: /\banxiety\b|\bpanic\b|\bphobi|\bgad\b/i, category: 'anxiety' },
  { pattern: /\bschizo|\bpsychosis\b|\bpsychotic\b/i, category: 'psychotic' },
  { pattern: /\b(alcohol|opioid|cannabis|stimulant|substance|tobacco|nicotine)\b.*\b(use|abuse|dependence)\b/i, category: 'substance-use' },
  { pattern: /\badhd\b|\battention[- ]deficit\b|\bautis/i, category: 'neurodevelopmental' },
  { pattern: /\banorexia nervosa\b|\bbulimi|\bbinge[- ]eating\b/i, category: 'eating' },
  { pattern: /\binsomnia\b/i, category: 'sleep' },
  { pattern: /\bpersonality disorder\b/i, category: 'personality' },
  { pattern: /\bdementia\b|\bneurocognitive\b/i, category: 'neurocognitive' },
  { pattern: /\bsuicid|\bself-harm\b|\bmental disorder\b|\bbehavioral health\b|\bbehavioural health\b/i, category: 'other-mental' },
];
