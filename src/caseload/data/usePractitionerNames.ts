/** Display names of the practitioners a view names (care managers, PCPs, reviewers): read once per session. */
import { useEffect, useMemo, useState } from 'react';
import { practitionerName } from '../../clinical/demographics/patientSummary';
import { practitionersByReference } from '../../fhir/reads/practitioners';
import type { Session } from '../../fhir/session';

export function usePractitionerNames(session: Session, references: readonly (string | undefined)[]): (reference: string | undefined) => string {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const wanted = useMemo(() => [...new Set(references.filter((r): r is string => r?.startsWith('Practitioner/') ?? false))].sort().join(','), [references]);
  useEffect(() => {
    const missing = wanted.split(',').filter((r) => r && !names.has(r));
    if (missing.length === 0) return;
    const controller = new AbortController();
    practitionersByReference(session.api, missing, controller.signal).then(
      (found) => {
        if (controller.signal.aborted) return;
        // One found by no read keeps its reference as its name, so it is not looked up again.
        setNames((previous) => new Map([...previous, ...[...found].map(([r, p]): [string, string] => [r, p ? practitionerName(p) : r])]));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [session, wanted, names]);
  return useMemo(() => (reference: string | undefined) => (reference ? (names.get(reference) ?? '…') : ''), [names]);
}
