/**
 * Who cares for a patient now, from the enrollment events alone: what the caseload needs to
 * know before reading a patient's whole record, to read "my patients" first and only. The
 * same episode rules as the caseload row (deriveEnrollment), without the service dates that
 * only the full record has; the row, once read, is what the grid shows and filters on.
 */
import type { Observation } from '@medplum/fhirtypes';
import { deriveEnrollment } from './episodes.ts';
import { readRegistryRecords } from './readRegistryRecords.ts';
import type { RegistrySettings } from './settings.ts';

export function careManagerHint(enrollmentEvents: readonly Observation[], options: { today: string; settings?: Partial<RegistrySettings> }): string | undefined {
  const { events } = readRegistryRecords(enrollmentEvents, []);
  return deriveEnrollment(events, { today: options.today, serviceDates: [], ...(options.settings ? { settings: options.settings } : {}) }).current?.careManager;
}
