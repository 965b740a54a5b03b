/**
 * Which safety findings the patient view raises as an alert at the top of the screen:
 * item 9 above 0 in the most recent PHQ-9 that recorded item 9 (whatever its age: the latest
 * word on self-harm stands until a newer PHQ-9 answers it), or in any administration of the
 * last `recentDays` days. Older findings stay visible in the table, never hidden.
 */
import type { Administration } from '../read/types.ts';
import type { SafetyFinding } from './safetyFindings.ts';

export const DEFAULT_SAFETY_ALERT_RECENT_DAYS = 30;

export interface SafetyAlertOptions {
  /** Findings at most this many days old always alert (default 30). */
  readonly recentDays?: number;
}

export function alertingSafetyFindings(administrations: readonly Administration[], findings: readonly SafetyFinding[], options: SafetyAlertOptions = {}): SafetyFinding[] {
  const recentDays = options.recentDays ?? DEFAULT_SAFETY_ALERT_RECENT_DAYS;
  const latestPhq9WithItem9 = administrations
    .filter((a) => a.instrument === 'phq9' && a.item9 !== undefined)
    .reduce<Administration | undefined>((latest, a) => (latest === undefined || (a.instant ?? -Infinity) >= (latest.instant ?? -Infinity) ? a : latest), undefined);
  return findings.filter(
    (f) =>
      f.administrationId === latestPhq9WithItem9?.id ||
      // Undated findings cannot be shown to be old: they alert.
      f.daysAgo === undefined ||
      f.daysAgo <= recentDays,
  );
}
