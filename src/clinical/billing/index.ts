// CoCM billing: minutes per calendar month in the clinic's time zone, the codes they reach,
// and the monthly report. Pure: no I/O, no clock reads. Rules: docs/clinical-rules.md, "Billing".
export {
  DEFAULT_BILLING_SETTINGS,
  resolveBillingSettings,
  type AddOnCode,
  type BillingSettings,
  type BillingSettingsOverride,
  type G2214Code,
  type PrimaryCode,
  type TimerRounding,
} from './settings.ts';
export { timerMinutes, timerRoundingRule } from './timerMinutes.ts';
export { addOnThreshold, codesForMonth, codesLabel, type CodesForMonthInput, type CodeUnits, type EpisodeMonth, type MonthCodes } from './codesForMonth.ts';
export { addMonthsToYearMonth, isYearMonth, localDateOfFhirDateTime, monthOfFhirDateTime, monthOfInstant, yearMonthLabel, type YearMonth } from './months.ts';
export { episodeMonthOf, type EpisodeMonthResult, type EpisodeSpan } from './episodeMonth.ts';
export { currentContacts, minutesByMonth, minutesInMonth, type BillableContact, type ContactOutcome, type MinutesOptions, type MonthMinutes } from './minutes.ts';
export { billingReport, billingRow, type BillingPatient, type BillingReport, type BillingRow, type PersonRef } from './report.ts';
export { billingTotals, hasMinutes, type BillingTotals } from './totals.ts';
