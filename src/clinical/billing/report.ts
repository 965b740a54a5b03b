/**
 * The monthly billing report: per patient, the month's CoCM minutes and the codes they reach,
 * in three lists a billing lead acts on differently: billed (hand to the billing office),
 * below threshold (with their minutes: more contact time this month would bill), and not
 * billed for another reason (no episode of care that month, no treating provider allowed to
 * bill). Pure: names and episodes come in resolved.
 */
import { codesForMonth, type CodeUnits, type EpisodeMonth } from './codesForMonth.ts';
import { episodeMonthOf, type EpisodeSpan } from './episodeMonth.ts';
import { type BillableContact, minutesInMonth } from './minutes.ts';
import type { YearMonth } from './months.ts';
import { type BillingSettings, type BillingSettingsOverride, resolveBillingSettings } from './settings.ts';

export interface PersonRef {
  /** `Practitioner/123`. */
  readonly reference: string;
  /** Display name; the reference when unknown. */
  readonly name: string;
}

export interface BillingPatient {
  readonly patientId: string;
  readonly name: string;
  readonly mrn: string | undefined;
  /** yyyy-MM-dd. */
  readonly birthDate: string | undefined;
  /** The treating practitioner (the PCP of the episode): the one who reports the codes. */
  readonly treatingProvider: PersonRef | undefined;
  readonly careManager: PersonRef | undefined;
  readonly episodes: readonly EpisodeSpan[];
  readonly contacts: readonly BillableContact[];
}

export interface BillingRow {
  readonly patientId: string;
  readonly name: string;
  readonly mrn: string | undefined;
  readonly birthDate: string | undefined;
  readonly treatingProvider: PersonRef | undefined;
  readonly careManager: PersonRef | undefined;
  /** Undefined when no episode covers the month. */
  readonly episodeMonth: EpisodeMonth | undefined;
  readonly minutes: number;
  readonly separatelyBilledMinutes: number;
  readonly attemptMinutes: number;
  readonly codes: readonly CodeUnits[];
  readonly nextCode: string | undefined;
  readonly minutesToNextCode: number | undefined;
  /** Why the row is not billed although it may have minutes; undefined for billed and below-threshold rows. */
  readonly notBilledReason: string | undefined;
}

export interface BillingReport {
  readonly month: YearMonth;
  readonly timeZone: string;
  /** Rows with codes: the billing office's list. */
  readonly billed: readonly BillingRow[];
  /** In an episode this month, minutes below every threshold (0 included). */
  readonly belowThreshold: readonly BillingRow[];
  /** Minutes logged but not billable for another reason. */
  readonly notBilled: readonly BillingRow[];
}

function byNameThenMrn(a: BillingRow, b: BillingRow): number {
  return a.name.localeCompare(b.name) || (a.mrn ?? '').localeCompare(b.mrn ?? '') || a.patientId.localeCompare(b.patientId);
}

export function billingRow(patient: BillingPatient, month: YearMonth, timeZone: string, settingsIn?: BillingSettingsOverride | BillingSettings): BillingRow | undefined {
  const settings = resolveBillingSettings(settingsIn);
  const logged = minutesInMonth(patient.contacts, month, { timeZone, settings });
  const placed = episodeMonthOf(month, patient.episodes);
  const anyTime = logged.minutes + logged.separatelyBilledMinutes + logged.attemptMinutes > 0;
  if (!placed && !anyTime) return undefined;
  const base = {
    patientId: patient.patientId,
    name: patient.name,
    mrn: patient.mrn,
    birthDate: patient.birthDate,
    treatingProvider: patient.treatingProvider,
    careManager: patient.careManager,
    episodeMonth: placed?.episodeMonth,
    minutes: logged.minutes,
    separatelyBilledMinutes: logged.separatelyBilledMinutes,
    attemptMinutes: logged.attemptMinutes,
  };
  if (!placed) {
    return { ...base, codes: [], nextCode: undefined, minutesToNextCode: undefined, notBilledReason: 'No episode of care covers this month' };
  }
  const result = codesForMonth({ minutes: logged.minutes, episodeMonth: placed.episodeMonth, settings });
  const provider = patient.treatingProvider;
  let notBilledReason: string | undefined;
  if (result.codes.length > 0) {
    if (!provider) notBilledReason = 'No treating provider recorded for the episode';
    else if (settings.billingProviders && !settings.billingProviders.includes(provider.reference)) {
      notBilledReason = `${provider.name} is not set up as a billing provider`;
    }
  }
  return { ...base, codes: notBilledReason ? [] : result.codes, nextCode: result.nextCode, minutesToNextCode: result.minutesToNextCode, notBilledReason };
}

export function billingReport(patients: readonly BillingPatient[], month: YearMonth, timeZone: string, settings?: BillingSettingsOverride | BillingSettings): BillingReport {
  const resolved = resolveBillingSettings(settings);
  const billed: BillingRow[] = [];
  const belowThreshold: BillingRow[] = [];
  const notBilled: BillingRow[] = [];
  for (const patient of patients) {
    const row = billingRow(patient, month, timeZone, resolved);
    if (!row) continue;
    if (row.notBilledReason) notBilled.push(row);
    else if (row.codes.length > 0) billed.push(row);
    else belowThreshold.push(row);
  }
  return { month, timeZone, billed: billed.sort(byNameThenMrn), belowThreshold: belowThreshold.sort(byNameThenMrn), notBilled: notBilled.sort(byNameThenMrn) };
}
