/** Shared words of the patient chart model: what was read, what could not be, and why. */
import type { PatientRecords } from '../caseload/types.ts';
import type { TreatmentResources } from '../treatment/index.ts';

/** A whole search that failed (or was not allowed), by resource type, with the words for the user. */
export interface ReadProblem {
  what: string;
  reason: string;
}

/**
 * A fact the view shows: known, or unknown with the reason. Unknown is never shown as "no":
 * the view says it could not be read, and actions that depend on it wait for a retry.
 */
export type Known<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly reason: string };

/** Everything read from the EHR for one patient's chart, in one round (src/fhir/reads/patientChart.ts). */
export interface PatientChartRecords extends Omit<PatientRecords, 'failures'> {
  /** Undefined while the treatment searches are still on their way (the chart is drawn without them). */
  readonly treatment: (TreatmentResources & { readonly notOffered: readonly string[] }) | undefined;
  /** Searches that failed, one entry per resource type. */
  readonly failed: readonly ReadProblem[];
  /** Resource types whose search stopped at the page cap. */
  readonly truncated: readonly string[];
}
