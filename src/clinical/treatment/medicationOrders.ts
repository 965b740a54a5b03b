/**
 * MedicationRequests and MedicationStatements read into one order shape: what drug (if a
 * psychotropic), its dose, when it started and ended, and what was odd about the record.
 * Orders entered in error, drafts, cancelled orders and statements of drugs not taken are
 * left out but listed (ignored); records with no medication at all are listed as unreadable.
 */
import type { CodeableConcept, Medication, MedicationRequest, MedicationStatement, Reference } from '@medplum/fhirtypes';
import { parseFhirDate } from '../time/fhirDate.ts';
import type { IgnoredRecord, UnreadableRecord } from '../read/types.ts';
import { type Dose, readDose } from './dose.ts';
import { type DrugIdentity, recognizePsychotropic } from './recognizeMedication.ts';

export interface DatePoint {
  instant: number;
  /** yyyy-MM-dd as written; undefined for year or month precision. */
  localDate: string | undefined;
  /** The value as written, for display when there is no day. */
  written: string;
}

export interface MedicationOrder {
  reference: string;
  resourceType: 'MedicationRequest' | 'MedicationStatement';
  /** The medication's name as the EHR wrote it. */
  name: string;
  /** Set when the medication is a recognised psychotropic. */
  drug: DrugIdentity | undefined;
  status: string;
  start: DatePoint | undefined;
  /** Known end (stop date, or the planned end of a time-limited order). */
  end: DatePoint | undefined;
  /** Stopped or completed, but the record gives no date. */
  endUnknown: boolean;
  dose: Dose | undefined;
  instructions: string | undefined;
  problems: string[];
}

export interface MedicationReadResult {
  orders: MedicationOrder[];
  ignored: IgnoredRecord[];
  unreadable: UnreadableRecord[];
}

export interface MedicationInput {
  medicationRequests?: readonly MedicationRequest[];
  medicationStatements?: readonly MedicationStatement[];
}

const REQUEST_LEFT_OUT: Record<string, string> = {
  'entered-in-error': 'marked entered in error',
  cancelled: 'cancelled before it took effect',
  draft: 'a draft, never ordered',
};
const STATEMENT_LEFT_OUT: Record<string, string> = {
  'entered-in-error': 'marked entered in error',
  'not-taken': 'records a medication not taken',
  intended: 'records a medication only intended',
};
const ENDED = new Set(['stopped', 'completed']);

export function datePoint(value: string | undefined): DatePoint | undefined {
  const parsed = parseFhirDate(value);
  return parsed && value ? { instant: parsed.instant, localDate: parsed.localDate, written: value } : undefined;
}

function conceptName(concept: CodeableConcept | undefined): string | undefined {
  if (!concept) return undefined;
  const text = typeof concept.text === 'string' ? concept.text.trim() : '';
  if (text) return text;
  const coding = Array.isArray(concept.coding) ? concept.coding.find((c) => typeof c?.display === 'string' && c.display.trim()) : undefined;
  return coding?.display?.trim();
}

interface Named {
  concept: CodeableConcept | undefined;
  name: string | undefined;
}

/** The medication a record names: its concept, a contained Medication, or a reference's display. */
function medicationOf(record: { medicationCodeableConcept?: CodeableConcept; medicationReference?: Reference; contained?: unknown[] }): Named {
  if (record.medicationCodeableConcept) return { concept: record.medicationCodeableConcept, name: conceptName(record.medicationCodeableConcept) };
  const ref = record.medicationReference;
  if (ref?.reference?.startsWith('#') && Array.isArray(record.contained)) {
    const contained = record.contained.find((r): r is Medication => (r as Medication | undefined)?.resourceType === 'Medication' && `#${(r as Medication).id}` === ref.reference);
    if (contained?.code) return { concept: contained.code, name: conceptName(contained.code) ?? ref.display };
  }
  return { concept: undefined, name: typeof ref?.display === 'string' && ref.display.trim() ? ref.display.trim() : undefined };
}

function firstCode(concept: CodeableConcept | undefined): string | undefined {
  const coding = Array.isArray(concept?.coding) ? concept.coding.find((c) => typeof c?.code === 'string') : undefined;
  return coding?.code;
}

function buildOrder(
  reference: string,
  resourceType: MedicationOrder['resourceType'],
  named: Named,
  status: string,
  dates: { start?: string | undefined; end?: string | undefined },
  dosage: MedicationRequest['dosageInstruction'],
): MedicationOrder | { unreadable: string } {
  const drug = recognizePsychotropic(named.concept, named.name ? [named.name] : []);
  const code = firstCode(named.concept);
  const name = named.name ?? drug?.name ?? (code ? `Medication code ${code}` : undefined);
  if (!name) return { unreadable: 'names no medication (no code, no name)' };
  const problems: string[] = [];
  if (!named.concept?.coding?.length) problems.push('no medication code: recognised by its name');
  const first = Array.isArray(dosage) ? dosage[0] : undefined;
  const dose = readDose(first, name);
  if (dose?.source === 'text') problems.push('dose read from the instruction text');
  if (dose?.source === 'product') problems.push('no dose given: the product strength is shown');
  const start = datePoint(dates.start);
  if (dates.start && !start) problems.push(`start date "${dates.start}" is not a date`);
  const end = datePoint(dates.end);
  const endUnknown = ENDED.has(status) && !end;
  if (endUnknown) problems.push(`${status} without a stop date`);
  if (!status || status === 'unknown') problems.push('status not stated');
  const instructions = typeof first?.text === 'string' && first.text.trim() ? first.text.trim() : undefined;
  return { reference, resourceType, name, drug, status: status || 'unknown', start, end, endUnknown, dose, instructions, problems };
}

function readRequest(request: MedicationRequest): MedicationOrder | { unreadable: string } | { ignored: string } {
  const status = typeof request.status === 'string' ? request.status : '';
  const leftOut = REQUEST_LEFT_OUT[status];
  if (leftOut) return { ignored: leftOut };
  if (request.intent === 'proposal' || request.intent === 'plan') return { ignored: `a ${request.intent}, not an order` };
  const dosage = Array.isArray(request.dosageInstruction) ? request.dosageInstruction : undefined;
  const bounds = dosage?.[0]?.timing?.repeat?.boundsPeriod;
  const validity = request.dispenseRequest?.validityPeriod;
  // An active order's validity period is the prescription's shelf life, not a stop date.
  const end = bounds?.end ?? (ENDED.has(status) ? validity?.end : undefined);
  return buildOrder(
    `MedicationRequest/${request.id ?? '?'}`,
    'MedicationRequest',
    medicationOf(request),
    status,
    { start: bounds?.start ?? request.authoredOn ?? validity?.start, end },
    dosage,
  );
}

function readStatement(statement: MedicationStatement): MedicationOrder | { unreadable: string } | { ignored: string } {
  const status = typeof statement.status === 'string' ? statement.status : '';
  const leftOut = STATEMENT_LEFT_OUT[status];
  if (leftOut) return { ignored: leftOut };
  const dosage = Array.isArray(statement.dosage) ? statement.dosage : undefined;
  const start = statement.effectivePeriod?.start ?? statement.effectiveDateTime ?? dosage?.[0]?.timing?.repeat?.boundsPeriod?.start ?? statement.dateAsserted;
  const end = statement.effectivePeriod?.end ?? dosage?.[0]?.timing?.repeat?.boundsPeriod?.end;
  return buildOrder(`MedicationStatement/${statement.id ?? '?'}`, 'MedicationStatement', medicationOf(statement), status, { start, end }, dosage);
}

/** Reads every order; never throws on a malformed record. */
export function readMedicationOrders(input: MedicationInput): MedicationReadResult {
  const result: MedicationReadResult = { orders: [], ignored: [], unreadable: [] };
  const take = (reference: string, read: () => MedicationOrder | { unreadable: string } | { ignored: string }) => {
    let outcome: MedicationOrder | { unreadable: string } | { ignored: string };
    try {
      outcome = read();
    } catch {
      outcome = { unreadable: 'could not be read (malformed record)' };
    }
    if ('ignored' in outcome) result.ignored.push({ reference, reason: outcome.ignored });
    else if ('unreadable' in outcome) result.unreadable.push({ reference, reason: outcome.unreadable });
    else {
      result.orders.push(outcome);
      if (!outcome.start) result.unreadable.push({ reference, reason: `${outcome.name}: no start date, so it is listed without a place on the timeline` });
    }
  };
  for (const r of input.medicationRequests ?? []) if (r && typeof r === 'object') take(`MedicationRequest/${r.id ?? '?'}`, () => readRequest(r));
  for (const s of input.medicationStatements ?? []) if (s && typeof s === 'object') take(`MedicationStatement/${s.id ?? '?'}`, () => readStatement(s));
  return result;
}
