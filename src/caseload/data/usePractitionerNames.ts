/** Display names of the practitioners the caseload names (care managers, PCPs), read once each. */
import type { Practitioner } from '@medplum/fhirtypes';
import { useEffect, useMemo, useState } from 'react';
import { practitionerName } from '../../clinical/demographics/patientSummary';
import type { Session } from '../../fhir/session';

export function usePractitionerNames(session: Session, references: readonly (string | undefined)[]): (reference: string | undefined) => string {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const wanted = useMemo(() => [...new Set(references.filter((r): r is string => r?.startsWith('Practitioner/') ?? false))].sort().join(','), [references]);
  useEffect(() => {
    const missing = wanted.split(',').filter((r) => r && !names.has(r));
    if (missing.length === 0) return;
    const controller = new AbortController();
    session.api
      .search<Practitioner>('Practitioner', { _id: missing.map((r) => r.slice('Practitioner/'.length)).join(','), _count: '100' }, { maxPages: 2, signal: controller.signal })
      .then((result) => {
        setNames((previous) => {
          const next = new Map(previous);
          for (const p of result.resources) next.set(`Practitioner/${p.id ?? ''}`, practitionerName(p));
          // Unreadable ones keep their reference, so the lookup is not repeated.
          for (const r of missing) if (!next.has(r)) next.set(r, r);
          return next;
        });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [session, wanted, names]);
  return useMemo(() => (reference: string | undefined) => (reference ? (names.get(reference) ?? '…') : ''), [names]);
}
