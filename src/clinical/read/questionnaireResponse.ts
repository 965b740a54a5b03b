import type { QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { INSTRUMENTS } from '../instruments/definitions.ts';
import type { InstrumentId } from '../instruments/types.ts';
import { type AnswerLike, readAnswer, readTotalValue } from './answers.ts';
import { type CodeRole, FAMILY_OF, type Family, FULL_INSTRUMENT, SCREENER, isLoincCode, loincFromLinkId, roleOfCodes } from './codes.ts';
import { type QuestionnaireIndex, type QuestionnaireItemInfo, formCodes, questionLeaves, questionnaireItems, resolveQuestionnaire } from './questionnaireIndex.ts';
import { addItemEvidence, addProblem, hasItemEvidence, newReading, type Reading } from './reading.ts';
import { referenceOf } from './references.ts';
import type { AdministrationStatus, IgnoredRecord, UnreadableRecord } from './types.ts';

export interface RecordOutcome {
  readings: Reading[];
  unreadable: UnreadableRecord[];
  ignored: IgnoredRecord[];
}

/** One answered (or unanswered) question found anywhere in the response's item tree. */
interface Leaf {
  readonly linkId: string;
  readonly codes: readonly string[];
  role: { code: string; role: CodeRole } | undefined;
  readonly answers: readonly AnswerLike[];
  readonly weights: ReadonlyMap<string, number> | undefined;
}

const LOOKS_LIKE_OURS = /phq|gad|44249-1|69737-5|55757-9/i;

/**
 * Reads one QuestionnaireResponse into zero, one or two readings (a combined PHQ-9 + GAD-7
 * form gives two). Items are recognised by LOINC code from the form's Questionnaire, then by
 * a LOINC code in the linkId, and only as a last resort by position.
 */
export function readQuestionnaireResponse(qr: QuestionnaireResponse, index: QuestionnaireIndex, ref = referenceOf(qr)): RecordOutcome {
  const out: RecordOutcome = { readings: [], unreadable: [], ignored: [] };

  const status = mapStatus(qr.status);
  if (status === 'ignore') {
    out.ignored.push({ reference: ref, reason: `status is ${qr.status}` });
    return out;
  }

  const { questionnaire, missing } = resolveQuestionnaire(qr, index);
  const qItems = questionnaireItems(questionnaire);
  const leaves = collectLeaves(qr.item, qItems);
  const canonical = typeof qr.questionnaire === 'string' ? qr.questionnaire : undefined;
  const hints = hintedInstruments(canonical, questionnaire);
  const formProblems: string[] = [];
  if (status.problem) formProblems.push(status.problem);

  const duplicated = duplicateLinkIds(leaves);
  for (const linkId of duplicated) formProblems.push(`linkId "${linkId}" appears more than once`);

  let recognised = leaves.filter((l) => l.role !== undefined);
  if (!recognised.some((l) => l.role?.role.role === 'item') && hints.size > 0) {
    const positional = mapByPosition(leaves, questionnaire ? questionLeaves(questionnaire, qItems) : undefined, hints);
    if (positional) {
      recognised = [...recognised, ...positional];
      formProblems.push('items matched by their position: the form carries no item codes');
    }
  }

  const name = formName(canonical, questionnaire);
  if (recognised.length === 0) {
    const hasAnswers = leaves.some((l) => l.answers.length > 0);
    // A form named by a LOINC panel that is not ours (AUDIT-C, PHQ-15 ...) is someone else's.
    const otherLoincForm = formCodes(canonical, questionnaire).some((c) => roleOfCodes([c]) === undefined);
    const looksOurs = !otherLoincForm && (hints.size > 0 || LOOKS_LIKE_OURS.test(name));
    // A form whose Questionnaire we could not get might be a PHQ-9: say so rather than skip it.
    if (!looksOurs && (missing === undefined || !hasAnswers || otherLoincForm)) {
      out.ignored.push({ reference: ref, reason: `not a PHQ or GAD form (${name || 'no questionnaire named'})` });
    } else if (!hasAnswers) {
      out.unreadable.push({ reference: ref, reason: `${name} form has no answers` });
    } else if (missing !== undefined) {
      out.unreadable.push({
        reference: ref,
        reason: `questionnaire ${missing} was not found, so its answers cannot be matched to items`,
      });
    } else {
      out.unreadable.push({ reference: ref, reason: `no answer in ${name} could be matched to a known item` });
    }
    return out;
  }

  if (hints.size > 0) {
    for (const leaf of leaves) {
      const unknown = leaf.role === undefined ? leaf.codes.find(isLoincCode) : undefined;
      if (unknown && leaf.answers.length > 0) formProblems.push(`item code ${unknown} is not a PHQ or GAD item; ignored`);
    }
  }

  const authored = typeof qr.authored === 'string' ? qr.authored : undefined;
  const lastUpdated = typeof qr.meta?.lastUpdated === 'string' ? qr.meta.lastUpdated : undefined;
  const effective = authored ?? lastUpdated;
  const effectiveProblem = authored === undefined && lastUpdated !== undefined ? "no authored date; the record's last-updated time is used" : undefined;

  for (const family of familiesOf(recognised, hints)) {
    const instrument = decideInstrument(family, recognised, hints);
    const def = INSTRUMENTS[instrument];
    const reading = newReading({ instrument, basis: 'form', source: ref, effective, effectiveProblem, status: status.status });
    for (const leaf of recognised) {
      const role = leaf.role?.role;
      if (!role) continue;
      if (role.role === 'item' && role.family === family && role.itemNumber <= def.items.length) {
        for (const answer of leaf.answers) {
          addItemEvidence(reading, role.itemNumber, { answer: readAnswer(answer, leaf.weights), source: ref, primary: true });
        }
      } else if (role.role === 'total' && role.instrument === instrument) {
        for (const answer of leaf.answers) {
          const t = readTotalValue(answer);
          reading.totals.push({ value: t.value, problem: t.problem, source: ref, kind: 'form' });
        }
      } else if (role.role === 'difficulty' && instrument === 'phq9') {
        reading.difficulty ??= difficultyText(leaf.answers[0]);
      }
    }
    if (reading.totals.length === 0 && !hasItemEvidence(reading)) {
      out.unreadable.push({ reference: ref, reason: `${def.name} form has no answers` });
      continue;
    }
    for (const p of formProblems) addProblem(reading, p);
    out.readings.push(reading);
  }
  return out;
}

type FormStatus = { readonly status: AdministrationStatus; readonly problem: string | undefined };
const FINAL: FormStatus = { status: 'final', problem: undefined };
const IN_PROGRESS: FormStatus = { status: 'preliminary', problem: undefined };
const STOPPED: FormStatus = { status: 'final', problem: 'form was stopped before it was finished' };

function mapStatus(status: string | undefined): 'ignore' | FormStatus {
  switch (status) {
    case 'completed':
    case 'amended':
      return FINAL;
    case 'in-progress':
      return IN_PROGRESS;
    case 'stopped':
      return STOPPED;
    case 'entered-in-error':
      return 'ignore';
    default:
      return { status: 'preliminary', problem: `form status "${status ?? 'none'}" is not a known status` };
  }
}

function collectLeaves(items: readonly QuestionnaireResponseItem[] | undefined, qItems: ReadonlyMap<string, QuestionnaireItemInfo>): Leaf[] {
  const leaves: Leaf[] = [];
  walkItems(items, qItems, linkIdsOf(qItems), leaves);
  return leaves;
}

/** The item tree, depth first (a module function, not a closure per response: the model's hot loop). */
function walkItems(list: unknown, qItems: ReadonlyMap<string, QuestionnaireItemInfo>, known: Map<string, LinkIdMeaning>, leaves: Leaf[]): void {
  if (!Array.isArray(list)) return;
  for (const item of list as QuestionnaireResponseItem[]) {
    if (!item || typeof item !== 'object') continue;
    const linkId = typeof item.linkId === 'string' ? item.linkId : '';
    let meaning = known.get(linkId);
    if (!meaning) {
      meaning = meaningOf(linkId, qItems.get(linkId));
      known.set(linkId, meaning);
    }
    const answers = objectAnswers(item.answer);
    const { role, info } = meaning;
    if (role?.role.role !== 'panel' && (answers.length > 0 || role !== undefined || info !== undefined)) {
      leaves.push({ linkId, codes: meaning.codes, role, answers, weights: info?.weights });
    }
    walkItems(item.item, qItems, known, leaves);
    for (const a of answers as { item?: unknown }[]) if (a.item !== undefined) walkItems(a.item, qItems, known, leaves);
  }
}

interface LinkIdMeaning {
  readonly info: QuestionnaireItemInfo | undefined;
  readonly codes: readonly string[];
  readonly role: { code: string; role: CodeRole } | undefined;
}

/**
 * What each linkId means for one form's item map, worked out once: every response to the
 * same form repeats the same linkIds (this was the model's hottest loop).
 */
const meaningsOf = new WeakMap<ReadonlyMap<string, QuestionnaireItemInfo>, Map<string, LinkIdMeaning>>();

function linkIdsOf(qItems: ReadonlyMap<string, QuestionnaireItemInfo>): Map<string, LinkIdMeaning> {
  let known = meaningsOf.get(qItems);
  if (!known || known.size > 5000) {
    known = new Map();
    meaningsOf.set(qItems, known);
  }
  return known;
}

function meaningOf(linkId: string, info: QuestionnaireItemInfo | undefined): LinkIdMeaning {
  const fromLinkId = loincFromLinkId(linkId);
  const codes = [...(info?.codes ?? []), ...(fromLinkId ? [fromLinkId] : [])];
  return { info, codes, role: roleOfCodes(codes) };
}

/** Shared by every unanswered item (read only, like the answers themselves). */
const NO_ANSWERS: readonly AnswerLike[] = [];

function objectAnswers(answer: unknown): readonly AnswerLike[] {
  if (!Array.isArray(answer) || answer.length === 0) return NO_ANSWERS;
  // Usually every answer is an object: keep the array rather than copy it.
  for (const a of answer) if (!a || typeof a !== 'object') return answer.filter((x): x is AnswerLike => !!x && typeof x === 'object');
  return answer as AnswerLike[];
}

function duplicateLinkIds(leaves: readonly Leaf[]): string[] {
  // Nearly every form has each linkId once: show that without building the counts.
  if (!hasRepeatedAnsweredLinkId(leaves)) return [];
  const seen = new Map<string, number>();
  for (const l of leaves) if (l.answers.length > 0) seen.set(l.linkId, (seen.get(l.linkId) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

function hasRepeatedAnsweredLinkId(leaves: readonly Leaf[]): boolean {
  if (leaves.length > 24) {
    const seen = new Set<string>();
    for (const l of leaves) {
      if (l.answers.length === 0) continue;
      if (seen.has(l.linkId)) return true;
      seen.add(l.linkId);
    }
    return false;
  }
  for (let i = 0; i < leaves.length; i++) {
    if (leaves[i]!.answers.length === 0) continue;
    for (let j = i + 1; j < leaves.length; j++) {
      if (leaves[j]!.answers.length > 0 && leaves[j]!.linkId === leaves[i]!.linkId) return true;
    }
  }
  return false;
}

/** Hints per Questionnaire (or none) and canonical, computed once: responses repeat both. */
const hintsOf = new WeakMap<object, Map<string | undefined, ReadonlySet<InstrumentId>>>();
const NO_QUESTIONNAIRE = {};

/** Instruments the form names by canonical or Questionnaire code. */
function hintedInstruments(canonical: string | undefined, questionnaire: { url?: string; code?: unknown } | undefined): ReadonlySet<InstrumentId> {
  const key = questionnaire && typeof questionnaire === 'object' ? questionnaire : NO_QUESTIONNAIRE;
  let byCanonical = hintsOf.get(key);
  if (!byCanonical) {
    byCanonical = new Map();
    hintsOf.set(key, byCanonical);
  }
  let hints = byCanonical.get(canonical);
  if (!hints) {
    hints = computeHints(canonical, questionnaire);
    if (byCanonical.size < 1000) byCanonical.set(canonical, hints);
  }
  return hints;
}

function computeHints(canonical: string | undefined, questionnaire: { url?: string; code?: unknown } | undefined): Set<InstrumentId> {
  const hints = new Set<InstrumentId>();
  const urls = [canonical?.split('|')[0], questionnaire?.url].filter((u): u is string => typeof u === 'string');
  for (const def of Object.values(INSTRUMENTS)) {
    if (urls.some((u) => def.knownCanonicals.includes(u))) hints.add(def.id);
  }
  const role = roleOfCodes(formCodes(canonical, questionnaire as never));
  if (role?.role.role === 'panel') hints.add(role.role.instrument);
  return hints;
}

/**
 * Last resort for forms without item codes: when the form is known to be, say, a PHQ-9 and
 * has exactly nine questions, the nth question is item n. Responses may omit unanswered
 * items, so positions come from the Questionnaire when we have it.
 */
function mapByPosition(leaves: Leaf[], questionnaireOrder: string[] | undefined, hints: ReadonlySet<InstrumentId>): Leaf[] | undefined {
  if (hints.size !== 1) return undefined;
  const [instrument] = [...hints] as [InstrumentId];
  const def = INSTRUMENTS[instrument];
  const answered = leaves.filter((l) => l.answers.length > 0 && l.role === undefined).map((l) => l.linkId);
  // The Questionnaire's order counts only if it is the form actually used (its linkIds match).
  const usable = questionnaireOrder !== undefined && answered.every((id) => questionnaireOrder.includes(id));
  const unique = [...new Set(usable ? questionnaireOrder : answered)];
  if (unique.length !== def.items.length) return undefined;
  const family = FAMILY_OF[instrument];
  const mapped: Leaf[] = [];
  for (const leaf of leaves) {
    const position = unique.indexOf(leaf.linkId);
    if (position < 0 || leaf.role !== undefined) continue;
    const item = def.items[position];
    if (!item) continue;
    leaf.role = { code: item.loinc, role: { role: 'item', family, itemNumber: item.number } };
    mapped.push(leaf);
  }
  return mapped;
}

function familiesOf(leaves: readonly Leaf[], hints: ReadonlySet<InstrumentId>): Family[] {
  let phq = false;
  let gad = false;
  let anyRole = false;
  for (const l of leaves) {
    const role = l.role?.role;
    if (l.role) anyRole = true;
    const family = role?.role === 'item' ? role.family : role?.role === 'total' ? FAMILY_OF[role.instrument] : undefined;
    if (family === 'phq') phq = true;
    else if (family === 'gad') gad = true;
  }
  // A form named PHQ-9 whose only PHQ content is unreadable still deserves a record.
  if (anyRole) {
    for (const h of hints) {
      if (FAMILY_OF[h] === 'phq') phq = true;
      else gad = true;
    }
  }
  // Sorted, as the family names sort: 'gad' before 'phq'.
  return gad && phq ? ['gad', 'phq'] : gad ? ['gad'] : phq ? ['phq'] : [];
}

/** PHQ-2 vs PHQ-9 (and GAD-2 vs GAD-7): any item past 2, the form's name or its total decides. */
function decideInstrument(family: Family, leaves: readonly Leaf[], hints: ReadonlySet<InstrumentId>): InstrumentId {
  const full = FULL_INSTRUMENT[family];
  const screener = SCREENER[family];
  let beyondScreener = false;
  let fullTotal = false;
  for (const l of leaves) {
    const role = l.role?.role;
    if (role?.role === 'item' && role.family === family && role.itemNumber > 2) beyondScreener = true;
    if (role?.role === 'total' && role.instrument === full) fullTotal = true;
  }
  if (beyondScreener || hints.has(full) || fullTotal) return full;
  return screener;
}

function formName(canonical: string | undefined, q: { title?: string; name?: string } | undefined): string {
  return q?.title ?? q?.name ?? canonical ?? '';
}

function difficultyText(answer: AnswerLike | undefined): string | undefined {
  if (!answer) return undefined;
  const coding = answer.valueCoding as { display?: unknown; code?: unknown } | undefined;
  if (coding && typeof coding.display === 'string') return coding.display;
  if (coding && typeof coding.code === 'string') return coding.code;
  return typeof answer.valueString === 'string' ? answer.valueString : undefined;
}
