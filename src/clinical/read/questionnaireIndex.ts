import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse } from '@medplum/fhirtypes';
import { QUESTIONNAIRES } from '../instruments/questionnaires.ts';
import { weightExtension } from './answers.ts';
import { loincCodes, loincFromLinkId, roleOfCodes } from './codes.ts';
import { compareStrings, normalizeReference, referenceOf, stableJson } from './references.ts';

/** Finds the Questionnaire a response names: contained, by canonical (with or without |version), or by id. */
export interface QuestionnaireIndex {
  readonly byUrl: ReadonlyMap<string, readonly Questionnaire[]>;
  readonly byRef: ReadonlyMap<string, Questionnaire>;
}

/**
 * The index of the last few input lists, by identity and contents (a caseload batch passes the
 * same list for every patient; rebuilding it per patient was a tenth of the model's time).
 * Only the list's elements are compared, by identity: Questionnaires are read-only here.
 */
const recentIndexes: { list: readonly Questionnaire[]; elements: readonly Questionnaire[]; index: QuestionnaireIndex }[] = [];

export function buildQuestionnaireIndex(questionnaires: readonly Questionnaire[]): QuestionnaireIndex {
  const hit =
    recentIndexes.find((c) => c.list === questionnaires && c.elements.length === questionnaires.length && c.elements.every((q, i) => q === questionnaires[i])) ??
    recentIndexes.find((c) => c.elements.length === 0 && questionnaires.length === 0);
  if (hit) return hit.index;
  const index = indexQuestionnaires(questionnaires);
  recentIndexes.unshift({ list: questionnaires, elements: [...questionnaires], index });
  recentIndexes.length = Math.min(recentIndexes.length, 4);
  return index;
}

function indexQuestionnaires(questionnaires: readonly Questionnaire[]): QuestionnaireIndex {
  const byUrl = new Map<string, Questionnaire[]>();
  const byRef = new Map<string, Questionnaire>();
  // The app's own forms are always known, so its responses resolve without a server read.
  const all = [...questionnaires.filter(isQuestionnaire), ...Object.values(QUESTIONNAIRES)];
  // Sort so that which of two same-url forms wins never depends on input order.
  all.sort((a, b) => compareStrings(referenceOf(a), referenceOf(b)) || compareStrings(stableJson(a), stableJson(b)));
  for (const q of all) {
    if (typeof q.url === 'string') {
      const list = byUrl.get(q.url) ?? [];
      list.push(q);
      byUrl.set(q.url, list);
    }
    if (typeof q.id === 'string' && !byRef.has(`Questionnaire/${q.id}`)) byRef.set(`Questionnaire/${q.id}`, q);
  }
  return { byUrl, byRef };
}

function isQuestionnaire(value: unknown): value is Questionnaire {
  return !!value && typeof value === 'object' && (value as { resourceType?: unknown }).resourceType === 'Questionnaire';
}

export interface ResolvedQuestionnaire {
  readonly questionnaire: Questionnaire | undefined;
  /** Set when the response names a form we could not find. */
  readonly missing: string | undefined;
}

const NO_QUESTIONNAIRES: readonly Questionnaire[] = [];

export function resolveQuestionnaire(qr: QuestionnaireResponse, index: QuestionnaireIndex): ResolvedQuestionnaire {
  const named = typeof qr.questionnaire === 'string' ? qr.questionnaire.trim() : undefined;
  const contained = Array.isArray(qr.contained) && qr.contained.length > 0 ? qr.contained.filter(isQuestionnaire) : NO_QUESTIONNAIRES;
  if (named === undefined || named === '') {
    return { questionnaire: contained.length === 1 ? contained[0] : undefined, missing: undefined };
  }
  if (named.startsWith('#')) {
    const found = contained.find((q) => q.id === named.slice(1));
    return found ? { questionnaire: found, missing: undefined } : { questionnaire: undefined, missing: named };
  }
  const bar = named.indexOf('|');
  // As named.split('|'): the url before the first bar, the version up to the next one.
  const url = bar < 0 ? named : named.slice(0, bar);
  const nextBar = bar < 0 ? -1 : named.indexOf('|', bar + 1);
  const version = bar < 0 ? undefined : named.slice(bar + 1, nextBar < 0 ? undefined : nextBar);
  const candidates = index.byUrl.get(url) ?? [];
  const exact = version === undefined ? undefined : candidates.find((q) => q.version === version);
  const found =
    exact ?? candidates[0] ?? contained.find((q) => q.url === url) ?? index.byRef.get(normalizeReference(url) ?? '') ?? (contained.length === 1 ? contained[0] : undefined);
  return found ? { questionnaire: found, missing: undefined } : { questionnaire: undefined, missing: named };
}

/** What a Questionnaire says about one of its items. */
export interface QuestionnaireItemInfo {
  readonly codes: readonly string[];
  readonly type: string | undefined;
  /** Answer code (or valueString / valueInteger as text) -> weight from ordinalValue/itemWeight. */
  readonly weights: ReadonlyMap<string, number>;
}

/** Item info per Questionnaire, computed once: every response to a form needs the same map. */
const itemsOf = new WeakMap<Questionnaire, ReadonlyMap<string, QuestionnaireItemInfo>>();
const NO_ITEMS: ReadonlyMap<string, QuestionnaireItemInfo> = new Map();

/** linkId -> item info, over the whole item tree. */
export function questionnaireItems(q: Questionnaire | undefined): ReadonlyMap<string, QuestionnaireItemInfo> {
  if (!q || typeof q !== 'object') return NO_ITEMS;
  let items = itemsOf.get(q);
  if (!items) {
    items = walkQuestionnaireItems(q);
    itemsOf.set(q, items);
  }
  return items;
}

function walkQuestionnaireItems(q: Questionnaire): Map<string, QuestionnaireItemInfo> {
  const map = new Map<string, QuestionnaireItemInfo>();
  const walk = (items: readonly QuestionnaireItem[] | undefined) => {
    for (const item of Array.isArray(items) ? items : []) {
      if (!item || typeof item !== 'object') continue;
      if (typeof item.linkId === 'string' && !map.has(item.linkId)) {
        map.set(item.linkId, { codes: loincCodes(item.code), type: item.type, weights: optionWeights(item) });
      }
      walk(item.item);
    }
  };
  walk(q.item);
  return map;
}

function optionWeights(item: QuestionnaireItem): Map<string, number> {
  const weights = new Map<string, number>();
  for (const option of Array.isArray(item.answerOption) ? item.answerOption : []) {
    const weight = weightExtension(option.valueCoding) ?? weightExtension(option);
    if (weight === undefined) continue;
    if (option.valueCoding?.code) weights.set(option.valueCoding.code, weight);
    if (typeof option.valueString === 'string') weights.set(option.valueString, weight);
    if (typeof option.valueInteger === 'number') weights.set(String(option.valueInteger), weight);
  }
  return weights;
}

/** Leaf question items of a form in order: the fallback mapping when no item carries a code. */
export function questionLeaves(q: Questionnaire | undefined, known: ReadonlyMap<string, QuestionnaireItemInfo>): string[] {
  const out: string[] = [];
  const walk = (items: readonly QuestionnaireItem[] | undefined) => {
    for (const item of Array.isArray(items) ? items : []) {
      if (!item || typeof item !== 'object') continue;
      const children = Array.isArray(item.item) ? item.item : [];
      // Items coded as something else (a total, the difficulty question) are not positions.
      const coded = typeof item.linkId === 'string' && roleOfCodes(known.get(item.linkId)?.codes ?? []) !== undefined;
      if (item.type !== 'group' && item.type !== 'display' && typeof item.linkId === 'string' && !coded) out.push(item.linkId);
      walk(children);
    }
  };
  walk(q?.item);
  return out;
}

/** Codes naming the form itself: Questionnaire.code and any LOINC code in its canonical. */
export function formCodes(canonical: string | undefined, q: Questionnaire | undefined): string[] {
  const codes = loincCodes(q?.code);
  const fromUrl = loincFromLinkId(canonical?.split('|')[0]);
  if (fromUrl) codes.push(fromUrl);
  return codes;
}
