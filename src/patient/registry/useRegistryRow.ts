import type { Practitioner } from '@medplum/fhirtypes';
import { useCallback, useState } from 'react';
import { buildCaseloadRow, type CaseloadRow } from '../../clinical/caseload';
import { practitionerName } from '../../clinical/demographics/patientSummary';
import { rowOptions } from '../../config/rowOptions';
import { createLimiter, readCaseloadBatch } from '../../fhir/reads/caseloadBatch';
import type { Session } from '../../fhir/session';
import { type AsyncState, useAsync } from '../../shared/useAsync';

export interface RegistryView {
  row: CaseloadRow;
  /** Practitioners the user may choose as care manager or PCP, with names. */
  practitioners: { reference: string; name: string }[];
  flags: import('@medplum/fhirtypes').Flag[];
}

const limit = createLimiter(4);

/**
 * The patient's registry standing, computed exactly as the caseload computes its row (same
 * reads, same model), so the patient view and the grid never disagree.
 */
export function useRegistryRow(session: Session, patientId: string): { state: AsyncState<RegistryView>; reload: () => void } {
  const [generation, setGeneration] = useState(0);
  const read = useCallback(
    async (signal: AbortSignal): Promise<RegistryView> => {
      const [[records], practitioners] = await Promise.all([
        readCaseloadBatch(session.api, [patientId], limit, signal),
        session.api.search<Practitioner>('Practitioner', { _count: '100' }, { maxPages: 1, signal }).then(
          (r) => r.resources,
          () => [] as Practitioner[],
        ),
      ]);
      if (!records) throw new Error('no records');
      return {
        row: buildCaseloadRow(records, rowOptions(session.settings, new Date())),
        practitioners: practitioners.map((p) => ({ reference: `Practitioner/${p.id ?? ''}`, name: practitionerName(p) })),
        flags: [...records.flags],
      };
    },
    // `generation` forces a new read after a write.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, patientId, generation],
  );
  const state = useAsync(read);
  return { state, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}
