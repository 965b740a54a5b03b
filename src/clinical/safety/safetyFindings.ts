import { INSTRUMENTS } from '../instruments/definitions.ts';
import type { InstrumentId } from '../instruments/types.ts';
import type { Administration, AdministrationStatus, Completeness } from '../read/types.ts';
import { dayNumber, toLocalDate } from '../time/fhirDate.ts';

export interface SafetyFinding {
  readonly administrationId: string;
  readonly instrument: InstrumentId;
  readonly effective: string | undefined;
  readonly localDate: string | undefined;
  readonly instant: number | undefined;
  /** The item-9 value recorded (1-3; anything else above 0 was impossible but still counts). */
  readonly item9: number;
  readonly answerDisplay: string | undefined;
  readonly total: number | undefined;
  readonly status: AdministrationStatus;
  readonly completeness: Completeness;
  /** Days between the recording's local date and today's; undefined when undated. */
  readonly daysAgo: number | undefined;
  readonly sources: readonly string[];
  readonly problems: readonly string[];
}

export interface SafetyOptions {
  readonly now: Date | string;
  /** IANA zone of the clinic, for today's local date. Default UTC. */
  readonly timeZone?: string;
}

/**
 * Every administration whose self-harm item was answered above 0, whatever its total,
 * completeness or status, newest first (undated ones first of all: their age is unknown).
 * Nothing is filtered by age: the screen decides how to show old findings, never whether.
 */
export function findSafetyFindings(administrations: readonly Administration[], options: SafetyOptions): SafetyFinding[] {
  const today = dayNumber(toLocalDate(options.now, options.timeZone ?? 'UTC') ?? '');
  const findings: SafetyFinding[] = [];
  for (const a of administrations) {
    if (a.item9 === undefined || !(a.item9 > 0)) continue;
    const itemNumber = INSTRUMENTS[a.instrument].safetyItemNumber;
    const item = a.items.find((i) => i.number === itemNumber);
    const day = a.localDate === undefined ? undefined : dayNumber(a.localDate);
    findings.push({
      administrationId: a.id,
      instrument: a.instrument,
      effective: a.effective,
      localDate: a.localDate,
      instant: a.instant,
      item9: a.item9,
      answerDisplay: item?.score === a.item9 ? item.answerDisplay : undefined,
      total: a.total,
      status: a.status,
      completeness: a.completeness,
      daysAgo: today === undefined || day === undefined ? undefined : today - day,
      sources: a.sources,
      problems: a.problems,
    });
  }
  return findings.sort((x, y) => {
    if (x.instant === y.instant) return x.administrationId < y.administrationId ? -1 : x.administrationId > y.administrationId ? 1 : 0;
    if (x.instant === undefined) return -1;
    if (y.instant === undefined) return 1;
    return y.instant - x.instant;
  });
}
