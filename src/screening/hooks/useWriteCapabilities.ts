/**
 * What this EHR lets the app write, for the UI: the session's capability store, with
 * `/metadata` read the first time any screen asks (lazily, after the first render, so no
 * launch read ever waits for it). Re-renders when the answer changes or a write teaches
 * something new.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { possibleRecords } from '../../clinical/records/specs';
import { type CapabilitySnapshot, type CapabilitySource, writeCapabilitiesFor } from '../../fhir/capabilities';
import { planWrites, type WritePlan } from '../model/writePlan';

export function useWriteCapabilities(session: CapabilitySource): CapabilitySnapshot {
  const store = writeCapabilitiesFor(session);
  useEffect(() => {
    void store.load();
  }, [store]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** `full`: everything a screening writes is accepted (or not yet known to be refused). */
export type ScreeningWriteSupport = 'checking' | 'full' | 'partial' | 'note-only';

export interface ScreeningOutlook {
  support: ScreeningWriteSupport;
  /** Over every record a screening may produce. */
  plan: WritePlan;
}

export function screeningOutlook(snapshot: CapabilitySnapshot): ScreeningOutlook {
  const plan = planWrites(possibleRecords(), (spec) => snapshot.verdict(spec));
  const support: ScreeningWriteSupport = plan.noteOnly ? 'note-only' : plan.wontSave.length > 0 ? 'partial' : plan.checking ? 'checking' : 'full';
  return { support, plan };
}

/**
 * For the patient view's `Screen now` button: the screening is always offered (the note text
 * works everywhere); `support` lets the button say when the EHR will take only part of it.
 */
export function useScreeningOutlook(session: CapabilitySource): ScreeningOutlook {
  return screeningOutlook(useWriteCapabilities(session));
}
