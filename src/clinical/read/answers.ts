import { FREQUENCY_ANSWERS, ITEM_WEIGHT_URLS, ORDINAL_VALUE_URL } from '../instruments/definitions.ts';

/** What one recorded answer says about one 0-3 item. */
export interface AnswerReading {
  /** A valid 0-3 score. */
  readonly score: number | undefined;
  /** The number as recorded, valid or not (a 4 stays a 4 here). */
  readonly recorded: number | undefined;
  readonly display: string | undefined;
  /** Why this answer gives no score, or what was odd about it. */
  readonly problem: string | undefined;
}

/** Any element that carries an answer: QR answer, Observation value[x], Observation component. */
export interface AnswerLike {
  readonly valueCoding?: unknown;
  readonly valueCodeableConcept?: unknown;
  readonly valueInteger?: unknown;
  readonly valueDecimal?: unknown;
  readonly valueQuantity?: unknown;
  readonly valueString?: unknown;
  readonly extension?: unknown;
  readonly [key: string]: unknown;
}

const MIN_ITEM_SCORE = 0;
const MAX_ITEM_SCORE = 3;
const SCORE_BY_LA = new Map(FREQUENCY_ANSWERS.map((a) => [a.code, a.score]));
const DISPLAY_BY_SCORE = new Map(FREQUENCY_ANSWERS.map((a) => [a.score, a.display]));
const SCORE_BY_DISPLAY = new Map(FREQUENCY_ANSWERS.map((a) => [normalizeText(a.display), a.score]));

function normalizeText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** ordinalValue (R4 SDC) or itemWeight (R5 / backport) on a coding or answer. */
export function weightExtension(element: unknown): number | undefined {
  const extensions = (element as { extension?: unknown } | undefined)?.extension;
  if (!Array.isArray(extensions)) return undefined;
  for (const ext of extensions) {
    if (!ext || typeof ext !== 'object') continue;
    const { url, valueDecimal, valueInteger } = ext as { url?: unknown; valueDecimal?: unknown; valueInteger?: unknown };
    if (url !== ORDINAL_VALUE_URL && !ITEM_WEIGHT_URLS.includes(url as string)) continue;
    const value = typeof valueDecimal === 'number' ? valueDecimal : valueInteger;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}

/** A number from a digit string: '2', ' 2 ', '2.0'. Anything else is not a score. */
export function numberFromString(text: string): number | undefined {
  const trimmed = text.trim();
  return /^[-+]?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * Scores one answer. Weights of the form's own answerOptions (from its Questionnaire) are
 * used for codes LOINC does not know; the LOINC LA code wins when both exist, since LA6568-5
 * means 0 on every PHQ/GAD item by definition.
 */
export function readAnswer(answer: AnswerLike, optionWeights?: ReadonlyMap<string, number>): AnswerReading {
  const plain = plainCodingReading(answer, optionWeights);
  if (plain !== undefined) return plain;
  const coded = readCodings(answer, optionWeights);
  if (coded !== undefined) return coded;

  for (const key of ['valueInteger', 'valueDecimal'] as const) {
    const v = answer[key];
    if (typeof v === 'number') return fromNumber(v, undefined);
  }
  const quantity = answer.valueQuantity as { value?: unknown } | undefined;
  if (quantity && typeof quantity.value === 'number') return fromNumber(quantity.value, undefined);

  if (typeof answer.valueString === 'string') {
    const n = numberFromString(answer.valueString);
    if (n !== undefined) return fromNumber(n, undefined);
    const byDisplay = SCORE_BY_DISPLAY.get(normalizeText(answer.valueString));
    if (byDisplay !== undefined) return fromNumber(byDisplay, answer.valueString.trim());
    return invalid(`answer "${truncate(answer.valueString)}" is not a score`);
  }
  const otherValue = Object.keys(answer).find((k) => k.startsWith('value'));
  return invalid(otherValue ? `answer of type ${otherValue.slice(5)} is not a score` : 'no answer value');
}

/**
 * The answer's codings in order (valueCoding, then valueCodeableConcept.coding; a concept with
 * text only, "2" or "Several days", still says something): the first that decides wins.
 * Undefined when the answer has no coding at all. Walked in place: no list is built per answer.
 */
function readCodings(answer: AnswerLike, optionWeights: ReadonlyMap<string, number> | undefined): AnswerReading | undefined {
  let seen = 0;
  let fallbackProblem: string | undefined;
  let answerWeight: number | undefined | null = null;
  const visit = (coding: Record<string, unknown>): AnswerReading | undefined => {
    seen++;
    if (answerWeight === null) answerWeight = weightExtension(answer);
    const decided = readCoding(coding, answerWeight, optionWeights);
    if (typeof decided === 'string') {
      fallbackProblem ??= decided;
      return undefined;
    }
    return decided;
  };
  if (answer.valueCoding && typeof answer.valueCoding === 'object') {
    const decided = visit(answer.valueCoding as Record<string, unknown>);
    if (decided) return decided;
  }
  const cc = answer.valueCodeableConcept as { coding?: unknown; text?: unknown } | undefined;
  if (cc && typeof cc === 'object') {
    if (Array.isArray(cc.coding)) {
      for (const c of cc.coding) {
        if (!c || typeof c !== 'object') continue;
        const decided = visit(c as Record<string, unknown>);
        if (decided) return decided;
      }
    }
    if (seen === 0 && typeof cc.text === 'string') {
      const decided = visit({ display: cc.text });
      if (decided) return decided;
    }
  }
  if (seen === 0) return undefined;
  return invalid(fallbackProblem ?? 'answer coding has no code');
}

/**
 * Readings of plain codings (a code and a display, no extension on the coding or the answer)
 * per form's option weights, then code, then display. Every response to a form repeats the
 * same few codings, and such a reading depends on nothing else: reading each once saves the
 * general path's work and allocations for nearly every answer. Readings are read-only, so
 * one object serves every answer that gives it. Bounded: data chooses the codes.
 */
const plainReadings = new WeakMap<ReadonlyMap<string, number>, Map<string | undefined, Map<string | undefined, AnswerReading>>>();
const plainReadingsWithoutWeights = new Map<string | undefined, Map<string | undefined, AnswerReading>>();
const MAX_PLAIN_READINGS = 2000;

/** The cached reading of an answer's plain valueCoding when that coding decides alone; else undefined. */
function plainCodingReading(answer: AnswerLike, optionWeights: ReadonlyMap<string, number> | undefined): AnswerReading | undefined {
  const coding = answer.valueCoding as Record<string, unknown> | undefined;
  if (!coding || typeof coding !== 'object' || answer.extension !== undefined || coding.extension !== undefined) return undefined;
  const code = coding.code;
  const display = coding.display;
  if ((code !== undefined && typeof code !== 'string') || (display !== undefined && typeof display !== 'string')) return undefined;
  let byCode = optionWeights === undefined ? plainReadingsWithoutWeights : plainReadings.get(optionWeights);
  if (byCode === undefined) {
    byCode = new Map();
    plainReadings.set(optionWeights!, byCode);
  }
  let byDisplay = byCode.get(code);
  const known = byDisplay?.get(display);
  if (known !== undefined) return known;
  const decided = readCoding(coding, undefined, optionWeights);
  // Undecided: the general path goes on to valueCodeableConcept and words the problem.
  if (typeof decided === 'string') return undefined;
  if (byCode.size >= MAX_PLAIN_READINGS) byCode.clear();
  if (byDisplay === undefined || byCode.size === 0) {
    byDisplay = new Map();
    byCode.set(code, byDisplay);
  }
  if (byDisplay.size < MAX_PLAIN_READINGS) byDisplay.set(display, decided);
  return decided;
}

/** One coding's score, or why it gives none (the answer's next coding may still decide). */
function readCoding(coding: Record<string, unknown>, answerWeight: number | undefined, optionWeights: ReadonlyMap<string, number> | undefined): AnswerReading | string {
  const code = typeof coding.code === 'string' ? coding.code.trim() : undefined;
  const display = typeof coding.display === 'string' ? coding.display : undefined;
  const laScore = code !== undefined ? SCORE_BY_LA.get(code) : undefined;
  const weight = weightExtension(coding) ?? answerWeight ?? (code !== undefined ? optionWeights?.get(code) : undefined);
  if (laScore !== undefined) {
    const reading = fromNumber(laScore, display);
    if (weight !== undefined && weight !== laScore) {
      return { ...reading, problem: `answer ${code} carries weight ${weight}; its LOINC score ${laScore} is used` };
    }
    return reading;
  }
  if (weight !== undefined) return fromNumber(weight, display);
  if (display !== undefined) {
    const byDisplay = SCORE_BY_DISPLAY.get(normalizeText(display));
    if (byDisplay !== undefined) return fromNumber(byDisplay, display);
    const n = numberFromString(display);
    if (n !== undefined && code === undefined) return fromNumber(n, undefined);
  }
  if (code !== undefined) {
    const n = numberFromString(code);
    // Some local forms code answers as '0'..'3' with no weights.
    if (n !== undefined) return fromNumber(n, display);
  }
  return `answer code "${truncate(code ?? display ?? '?')}" is not a known answer`;
}

function fromNumber(value: number, display: string | undefined): AnswerReading {
  if (!Number.isFinite(value)) return invalid('answer is not a number');
  if (!Number.isInteger(value) || value < MIN_ITEM_SCORE || value > MAX_ITEM_SCORE) {
    return {
      score: undefined,
      recorded: value,
      display,
      problem: `answer ${value} is impossible (items score ${MIN_ITEM_SCORE}-${MAX_ITEM_SCORE})`,
    };
  }
  return { score: value, recorded: value, display: display ?? DISPLAY_BY_SCORE.get(value), problem: undefined };
}

function invalid(problem: string): AnswerReading {
  return { score: undefined, recorded: undefined, display: undefined, problem };
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Reads a recorded total (form item or Observation value); range checks happen later. */
export function readTotalValue(answer: AnswerLike): { value: number | undefined; problem: string | undefined } {
  for (const key of ['valueInteger', 'valueDecimal'] as const) {
    const v = answer[key];
    if (typeof v === 'number' && Number.isFinite(v)) return { value: v, problem: undefined };
  }
  const quantity = answer.valueQuantity as { value?: unknown } | undefined;
  if (quantity && typeof quantity.value === 'number' && Number.isFinite(quantity.value)) {
    return { value: quantity.value, problem: undefined };
  }
  if (typeof answer.valueString === 'string') {
    const n = numberFromString(answer.valueString);
    return n === undefined ? { value: undefined, problem: `total "${truncate(answer.valueString)}" is not a number` } : { value: n, problem: undefined };
  }
  const cc = answer.valueCodeableConcept as { text?: unknown; coding?: unknown } | undefined;
  if (cc && typeof cc === 'object') {
    const texts = [cc.text, ...(Array.isArray(cc.coding) ? cc.coding.map((c: { code?: unknown; display?: unknown }) => c?.display ?? c?.code) : [])];
    for (const t of texts) {
      if (typeof t === 'string') {
        const n = numberFromString(t);
        if (n !== undefined) return { value: n, problem: undefined };
      }
    }
    return { value: undefined, problem: 'total is a coded value with no number' };
  }
  return { value: undefined, problem: 'total has no value' };
}
