/** Names of the clinics (Organizations) patients belong to, read once each. */
import type { Organization } from '@medplum/fhirtypes';
import { useEffect, useMemo, useState } from 'react';
import type { Session } from '../fhir/session';

export function useOrganizationNames(session: Session, references: readonly string[]): (reference: string) => string {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const wanted = useMemo(() => [...new Set(references.filter((r) => r.startsWith('Organization/')))].sort().join(','), [references]);
  useEffect(() => {
    const missing = wanted.split(',').filter((r) => r && !names.has(r));
    if (missing.length === 0) return;
    const controller = new AbortController();
    session.api
      .search<Organization>('Organization', { _id: missing.map((r) => r.slice('Organization/'.length)).join(','), _count: '100' }, { maxPages: 2, signal: controller.signal })
      .then((result) => {
        setNames((previous) => {
          const next = new Map(previous);
          for (const o of result.resources) next.set(`Organization/${o.id ?? ''}`, o.name ?? `Organization/${o.id ?? ''}`);
          for (const r of missing) if (!next.has(r)) next.set(r, r);
          return next;
        });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [session, wanted, names]);
  return useMemo(() => (reference: string) => names.get(reference) ?? reference, [names]);
}
