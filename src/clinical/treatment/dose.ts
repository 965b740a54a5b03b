/**
 * A medication order's dose, from wherever the EHR put it: the structured doseQuantity, a
 * tablet count times the product's strength, the instruction text ("50 mg daily"), or, failing
 * all of these, the strength in the product's name. The source is kept so the view can say
 * when a dose was read from text.
 */
import type { Dosage, Quantity } from '@medplum/fhirtypes';

export type DoseSource = 'structured' | 'text' | 'product';

export interface Dose {
  amount: number;
  unit: string;
  /** Administrations per day when the order says (timing or text). */
  timesPerDay?: number;
  asNeeded: boolean;
  source: DoseSource;
  /** "50 mg", "25 mg twice daily", "0.5 mg as needed". */
  label: string;
}

const MASS_UNITS: Record<string, string> = {
  mg: 'mg',
  milligram: 'mg',
  milligrams: 'mg',
  mcg: 'mcg',
  ug: 'mcg',
  µg: 'mcg',
  microgram: 'mcg',
  micrograms: 'mcg',
  g: 'g',
  gram: 'g',
  grams: 'g',
};
const UNIT_WORDS: Record<string, string> = { mg: 'mg', mcg: 'mcg', g: 'g' };
const COUNT_UNIT = /^(?:tab|tabs|tablet|tablets|\{tbl\}|cap|caps|capsule|capsules|\{cap\}|each|ea)$/i;

export function formatAmount(amount: number): string {
  return String(Math.round(amount * 1000) / 1000);
}

function massUnit(unit: string | undefined): string | undefined {
  return unit ? MASS_UNITS[unit.trim().toLowerCase()] : undefined;
}

/** The first "50 mg" / "0.5MG" / "150 mg" in a text. */
export function parseStrength(text: string | undefined): { amount: number; unit: string } | undefined {
  if (!text) return undefined;
  const match = /(\d+(?:[.,]\d+)?)\s*(mg|mcg|µg|ug|milligrams?|micrograms?|g|grams?)(?![A-Za-z])/i.exec(text);
  if (!match) return undefined;
  const amount = Number((match[1] as string).replace(',', '.'));
  const unit = massUnit(match[2]);
  return Number.isFinite(amount) && amount > 0 && unit ? { amount, unit } : undefined;
}

/** "take 2 tablets" / "1.5 tabs": a count of tablets or capsules in a text. */
function countInText(text: string): number | undefined {
  const match = /(\d+(?:\.\d+)?|one|two|three|half)\s*(?:\(\w+\)\s*)?(?:tab|tabs|tablets?|caps?|capsules?)\b/i.exec(text);
  if (!match) return undefined;
  const words: Record<string, number> = { one: 1, two: 2, three: 3, half: 0.5 };
  const raw = (match[1] as string).toLowerCase();
  return words[raw] ?? Number(raw);
}

function timesPerDayInText(text: string): number | undefined {
  if (/\b(?:four times (?:a|per|each) day|qid|q\.i\.d\.?)\b/i.test(text)) return 4;
  if (/\b(?:three times (?:a|per|each) day|tid|t\.i\.d\.?)\b/i.test(text)) return 3;
  if (/\b(?:twice (?:a )?daily|twice (?:a|per|each) day|two times (?:a|per|each) day|bid|b\.i\.d\.?)\b/i.test(text)) return 2;
  if (/\b(?:once (?:a )?daily|once (?:a|per|each) day|daily|qd|every (?:morning|evening|night|day)|at bedtime|nightly|qhs)\b/i.test(text)) return 1;
  return undefined;
}

function timesPerDayFromTiming(dosage: Dosage): number | undefined {
  const repeat = dosage.timing?.repeat;
  if (!repeat?.periodUnit) return undefined;
  const frequency = repeat.frequency ?? 1;
  const period = repeat.period ?? 1;
  if (!(frequency > 0 && period > 0)) return undefined;
  const perDay: Record<string, number> = { d: 1, h: 24, wk: 1 / 7 };
  const factor = perDay[repeat.periodUnit];
  return factor === undefined ? undefined : (frequency / period) * factor;
}

function label(amount: number, unit: string, timesPerDay: number | undefined, asNeeded: boolean): string {
  const times = timesPerDay === undefined || timesPerDay === 1 ? '' : timesPerDay === 2 ? ' twice daily' : Number.isInteger(timesPerDay) ? ` ${timesPerDay} times daily` : '';
  return `${formatAmount(amount)} ${UNIT_WORDS[unit] ?? unit}${times}${asNeeded ? ' as needed' : ''}`;
}

function make(amount: number, unit: string, timesPerDay: number | undefined, asNeeded: boolean, source: DoseSource): Dose {
  return { amount, unit, ...(timesPerDay !== undefined ? { timesPerDay } : {}), asNeeded, source, label: label(amount, unit, timesPerDay, asNeeded) };
}

/** The dose of an order from its first dosage instruction and the product's name. */
export function readDose(dosage: Dosage | undefined, productName: string | undefined): Dose | undefined {
  const strength = parseStrength(productName);
  const text = typeof dosage?.text === 'string' ? dosage.text : '';
  const asNeeded = dosage?.asNeededBoolean === true || dosage?.asNeededCodeableConcept !== undefined || /\b(?:as needed|prn)\b/i.test(text);
  const timesPerDay = (dosage && timesPerDayFromTiming(dosage)) ?? (text ? timesPerDayInText(text) : undefined);
  const quantity: Quantity | undefined = Array.isArray(dosage?.doseAndRate) ? dosage.doseAndRate.find((d) => d?.doseQuantity)?.doseQuantity : undefined;
  if (quantity && typeof quantity.value === 'number' && quantity.value > 0) {
    const unit = massUnit(quantity.unit) ?? massUnit(quantity.code);
    if (unit) return make(quantity.value, unit, timesPerDay, asNeeded, 'structured');
    const countUnit = quantity.unit ?? quantity.code ?? '';
    if (strength && COUNT_UNIT.test(countUnit.trim())) return make(quantity.value * strength.amount, strength.unit, timesPerDay, asNeeded, 'structured');
  }
  if (text) {
    const count = countInText(text);
    if (strength && count !== undefined && count > 0) return make(count * strength.amount, strength.unit, timesPerDay, asNeeded, 'text');
    const inText = parseStrength(text);
    if (inText) return make(inText.amount, inText.unit, timesPerDay, asNeeded, 'text');
  }
  if (strength) return make(strength.amount, strength.unit, timesPerDay, asNeeded, 'product');
  return undefined;
}

/** Amount per day when the frequency is known, else per administration. */
export function dailyAmount(dose: Dose): number {
  return dose.amount * (dose.timesPerDay ?? 1);
}

export function sameDose(a: Dose, b: Dose): boolean {
  if (a.unit !== b.unit || a.asNeeded !== b.asNeeded) return false;
  if (a.timesPerDay !== undefined && b.timesPerDay !== undefined) return dailyAmount(a) === dailyAmount(b);
  return a.amount === b.amount;
}

/** "50→100 mg" when the units agree, else "50 mg→0.1 g". */
export function doseChangeWords(from: Dose, to: Dose): string {
  if (from.unit === to.unit && from.timesPerDay === to.timesPerDay && from.asNeeded === to.asNeeded) {
    const suffix = to.label.slice(`${formatAmount(to.amount)}`.length);
    return `${formatAmount(from.amount)}→${formatAmount(to.amount)}${suffix}`;
  }
  return `${from.label}→${to.label}`;
}
