/**
 * The program's clinical and billing rules, overridable per deployment in config.json under
 * `program`. Every rule has a documented default in src/clinical (docs/clinical-rules.md);
 * config.json only lists what a program changes, e.g.
 *   "program": { "billing": { "g2214": { "enabled": true } }, "clinical": { "notImprovingAfterWeeks": 12 } }
 * Overrides are checked against the defaults' shape so a typo is named at launch, not ignored.
 */
// The settings modules themselves, not the clinical index: launch.html reads this config and
// must not pull the clinical model into its tiny bundle.
import { type BillingSettingsOverride, DEFAULT_BILLING_SETTINGS } from '../clinical/billing/settings';
import { type CadenceSettings, DEFAULT_CADENCE_SETTINGS } from '../clinical/contacts/cadence';
import { DEFAULT_REGISTRY_SETTINGS, type RegistrySettings } from '../clinical/enrollment/settings';
import { DEFAULT_PROGRAM_MEASURE_SETTINGS, type ProgramMeasureSettings } from '../clinical/program/settings';
import { DEFAULT_MEASUREMENT_SCHEDULE, type MeasurementScheduleSettings } from '../clinical/schedule/measurementSchedule';
import { DEFAULT_SETTINGS, type SettingsOverride } from '../clinical/settings';
import { ConfigError } from './configError';

export interface ProgramSettings {
  clinical?: SettingsOverride;
  registry?: Partial<RegistrySettings>;
  contactCadence?: Partial<CadenceSettings>;
  billing?: BillingSettingsOverride;
  /** Program measure windows, thresholds and small-cell suppression (docs/program-measures.md). */
  measures?: Partial<ProgramMeasureSettings>;
  /** How often patients are asked for a PHQ-9 and GAD-7 (src/clinical/schedule). */
  measurementSchedule?: Partial<MeasurementScheduleSettings>;
  /** The patient app (patient.html). */
  patientReports?: Partial<PatientReportSettings>;
}

export interface PatientReportSettings {
  /** Show the patient their total scores and severity after they send. Default off: the team explains results. */
  showScoresToPatient: boolean;
}

export const DEFAULT_PATIENT_REPORT_SETTINGS: PatientReportSettings = { showScoresToPatient: false };

const DEFAULTS: Record<keyof ProgramSettings, object> = {
  clinical: DEFAULT_SETTINGS,
  registry: DEFAULT_REGISTRY_SETTINGS,
  contactCadence: DEFAULT_CADENCE_SETTINGS,
  billing: DEFAULT_BILLING_SETTINGS,
  measures: DEFAULT_PROGRAM_MEASURE_SETTINGS,
  measurementSchedule: DEFAULT_MEASUREMENT_SCHEDULE,
  patientReports: DEFAULT_PATIENT_REPORT_SETTINGS,
};

/** Keys whose default is "not set" (undefined) and whose value is a list of strings. */
const STRING_LISTS = new Set(['billing.billingProviders']);
/** Keys whose value is one of a few words. */
const ONE_OF: Readonly<Record<string, readonly string[]>> = { 'billing.timerRounding': ['down', 'nearest'] };

function checkShape(value: unknown, defaults: unknown, path: string): void {
  if (STRING_LISTS.has(path)) {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new ConfigError(`config.json program.${path} must be a list of strings`);
    return;
  }
  const words = ONE_OF[path];
  if (words) {
    if (typeof value !== 'string' || !words.includes(value)) throw new ConfigError(`config.json program.${path} must be one of ${words.map((w) => `"${w}"`).join(', ')}`);
    return;
  }
  if (defaults === null || typeof defaults !== 'object') {
    const expected = defaults === undefined ? 'number' : typeof defaults;
    if (typeof value !== expected || (expected === 'number' && !(Number.isFinite(value) && (value as number) >= 0))) {
      throw new ConfigError(`config.json program.${path} must be ${expected === 'number' ? 'a non-negative number' : `a ${expected}`}`);
    }
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`config.json program.${path} must be an object`);
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    if (!(key in defaults) && !STRING_LISTS.has(childPath)) throw new ConfigError(`config.json program.${childPath} is not a setting (see docs/clinical-rules.md)`);
    checkShape(child, (defaults as Record<string, unknown>)[key], childPath);
  }
}

export function parseProgramSettings(raw: unknown): ProgramSettings {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError('config.json program must be an object');
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in DEFAULTS))
      throw new ConfigError(`config.json program.${key} is not a settings group (clinical, registry, contactCadence, billing, measures, measurementSchedule, patientReports)`);
    checkShape(value, DEFAULTS[key as keyof ProgramSettings], key);
  }
  return raw as ProgramSettings;
}
