/** Reads the month's billing records and builds the report; re-reads when the month changes. */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { billingReport, type BillingReport, type BillingSettings, resolveBillingSettings } from '../clinical/billing';
import { localDateOf } from '../clinical';
import { clinicTimeZone } from '../config/runtimeConfig';
import { readBillingRecords } from '../fhir/reads/billingRecords';
import type { Session } from '../fhir/session';
import { type AsyncState, useAsync } from '../shared/useAsync';
import { usePractitionerNames } from '../caseload/data/usePractitionerNames';
import { toBillingPatients } from './billingPatients';
import type { BillingRecords } from '../fhir/reads/billingRecords';

export interface BillingView {
  state: AsyncState<BillingRecords>;
  report: BillingReport | undefined;
  timeZone: string;
  /** The program's billing rules (defaults with config.json's overrides). */
  settings: BillingSettings;
}

export function useBillingReport(session: Session, month: string, fallbackIds: readonly string[]): BillingView {
  const timeZone = clinicTimeZone(session.settings);
  const settings = useMemo(() => resolveBillingSettings(session.settings.program.billing), [session]);
  // The fallback list is read when needed, not watched: the caseload streams rows in, and
  // each new row must not restart the report's reads.
  const fallback = useRef(fallbackIds);
  useEffect(() => {
    fallback.current = fallbackIds;
  }, [fallbackIds]);
  const read = useCallback((signal: AbortSignal) => readBillingRecords(session.api, month, fallback.current, signal), [session, month]);
  const state = useAsync(read);
  const records = state.status === 'done' ? state.value : undefined;
  const references = useMemo(() => {
    if (!records) return [];
    const refs: string[] = [];
    for (const list of records.observations.values())
      for (const o of list) for (const e of o.extension ?? []) if (e.valueReference?.reference) refs.push(e.valueReference.reference);
    return refs;
  }, [records]);
  const nameOf = usePractitionerNames(session, references);
  const report = useMemo(() => {
    if (!records) return undefined;
    const now = new Date();
    const patients = toBillingPatients(records.patients, records.observations, { today: localDateOf(now, timeZone), timeZone, now, nameOf });
    return billingReport(patients, month, timeZone, settings);
  }, [records, month, timeZone, nameOf, settings]);
  return { state, report, timeZone, settings };
}
