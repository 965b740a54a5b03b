/** Pure: a batch of medication records to each queue patient's current psychotropics. */
import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { currentPsychotropics, medicationTimelineFrom } from '../../clinical';
import { patientIdOfReference } from '../../clinical/records/references';
import type { QueueMedicationBatch } from '../../fhir/reads/queueMedications';

export type QueueMedications = { status: 'ready'; labels: string[] } | { status: 'failed'; reason: string };

export function queueMedicationsOf(ids: readonly string[], batch: QueueMedicationBatch, now: Date): Map<string, QueueMedications> {
  const out = new Map<string, QueueMedications>();
  if (batch.failure !== undefined) {
    for (const id of ids) out.set(id, { status: 'failed', reason: batch.failure });
    return out;
  }
  const requests = new Map<string, MedicationRequest[]>();
  const statements = new Map<string, MedicationStatement[]>();
  for (const r of batch.medicationRequests) {
    const id = patientIdOfReference(r.subject?.reference);
    if (id) requests.set(id, [...(requests.get(id) ?? []), r]);
  }
  for (const s of batch.medicationStatements) {
    const id = patientIdOfReference(s.subject?.reference);
    if (id) statements.set(id, [...(statements.get(id) ?? []), s]);
  }
  for (const id of ids) {
    const timeline = medicationTimelineFrom({ medicationRequests: requests.get(id) ?? [], medicationStatements: statements.get(id) ?? [] }, { now });
    out.set(id, { status: 'ready', labels: currentPsychotropics(timeline, now).map((c) => c.label) });
  }
  return out;
}

/** The line a queue entry shows; `undefined` while loading. */
export function medicationLine(state: QueueMedications | undefined): string {
  if (!state) return 'Loading medications…';
  if (state.status === 'failed') return `Medications could not be read: ${state.reason}`;
  // Says where the list came from: a recommendation beside it may name a drug the EHR's
  // medication records do not hold (prescribed elsewhere, or not yet ordered).
  return state.labels.length ? `Current psychotropics: ${state.labels.join(', ')}` : 'No current psychotropic in the EHR’s medication orders or list';
}
