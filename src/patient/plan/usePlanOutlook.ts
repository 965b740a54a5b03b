/**
 * Where a plan can be kept in this EHR, known before anyone types: as the plan itself
 * (CarePlan and Goals), as a plan of care note (DocumentReference) where the plan may not be
 * written, or only as copy-ready text where neither may. From the session's capability store.
 */
import { useSession } from '../../app/SessionContext';
import type { WriteTarget } from '../../fhir/capabilities';
import { PLAN_NOTE_TARGET } from '../../fhir/writes/carePlans';
import { useWriteCapabilities } from '../../screening/hooks/useWriteCapabilities';

export type PlanOutlook =
  | { kind: 'checking' }
  | { kind: 'plan' }
  /** The plan may not be written; the note may (or is not known to be refused). */
  | { kind: 'note'; reason: string }
  | { kind: 'text-only'; reason: string; noteReason: string };

export function usePlanOutlook(targets: readonly WriteTarget[]): PlanOutlook {
  const session = useSession();
  const snapshot = useWriteCapabilities(session);
  const refusal = targets.map((t) => snapshot.verdict(t)).find((v) => v.status === 'not-allowed');
  if (!refusal || refusal.status !== 'not-allowed') {
    return snapshot.metadata.status === 'idle' || snapshot.metadata.status === 'loading' ? { kind: 'checking' } : { kind: 'plan' };
  }
  const note = snapshot.verdict(PLAN_NOTE_TARGET);
  return note.status === 'not-allowed' ? { kind: 'text-only', reason: refusal.reason, noteReason: note.reason } : { kind: 'note', reason: refusal.reason };
}
