/**
 * Runs the save for the panel: one run at a time (a double click joins the running one),
 * answers locked from the first send, progress written into the draft as it happens.
 */
import { useCallback, useRef, useState } from 'react';
import type { CompletedScreening } from '../../clinical/records';
import type { WriteCapabilities } from '../../fhir/capabilities';
import type { FhirApi } from '../../fhir/fhirApi';
import type { ScreeningDraft } from '../model/draft';
import { saveScreening, type SaveReport } from '../save/saveScreening';

const systemNow = (): Date => new Date();

export interface SaveState {
  saving: boolean;
  report: SaveReport | undefined;
  save: (draft: ScreeningDraft, screening: CompletedScreening) => Promise<SaveReport>;
}

export function useSaveScreening(
  api: FhirApi,
  capabilities: WriteCapabilities,
  update: (change: (draft: ScreeningDraft) => ScreeningDraft) => void,
  now: () => Date = systemNow,
): SaveState {
  const [saving, setSaving] = useState(false);
  const [report, setReport] = useState<SaveReport>();
  const running = useRef<Promise<SaveReport> | undefined>(undefined);

  const save = useCallback(
    (draft: ScreeningDraft, screening: CompletedScreening): Promise<SaveReport> => {
      if (running.current) return running.current;
      // The records' time is fixed at the first send, so a resend builds identical resources.
      const at = now();
      const recordedAt = draft.recordedAt ?? { iso: at.toISOString(), utcOffsetMinutes: -at.getTimezoneOffset() };
      update((d) => ({ ...d, recordedAt }));
      setSaving(true);
      const progress = { ...draft.progress };
      const run = saveScreening(screening, { now: new Date(recordedAt.iso), utcOffsetMinutes: recordedAt.utcOffsetMinutes }, progress, {
        api,
        capabilities,
        onProgress: (key, p) =>
          update((d) => {
            const next = { ...d.progress };
            if (p) next[key] = p;
            else delete next[key];
            return { ...d, progress: next };
          }),
      });
      running.current = run;
      return run
        .then((result) => {
          setReport(result);
          return result;
        })
        .finally(() => {
          running.current = undefined;
          setSaving(false);
        });
    },
    [api, capabilities, update, now],
  );

  return { saving, report, save };
}
