/**
 * Runs the sends one after another (the early item-9 send, then the final one, or a retry),
 * with the records' time fixed at the first send so every resend builds identical resources,
 * and the progress written into the draft as it happens (sessionStorage: a phone that locks
 * or reloads mid-send resumes without copies).
 */
import { useCallback, useRef } from 'react';
import type { CompletedScreening } from '../../clinical/records';
import type { WriteCapabilities } from '../../fhir/capabilities';
import type { FhirApi } from '../../fhir/fhirApi';
import type { RecordProgress, ScreeningDraft } from '../../screening/model/draft';
import type { SendResult } from './sendReport';

// The save path loads when the patient first sends, not with the first screen (bundle budget).
const loadSender = () => import('./sendReport').then((m) => m.sendReport);

export function useReportSender(
  api: FhirApi,
  capabilities: WriteCapabilities,
  careManager: string | undefined,
  update: (change: (draft: ScreeningDraft) => ScreeningDraft) => void,
): (draft: ScreeningDraft, screening: CompletedScreening) => Promise<SendResult> {
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const progress = useRef<Record<string, RecordProgress> | undefined>(undefined);
  const recordedAt = useRef<ScreeningDraft['recordedAt']>(undefined);

  return useCallback(
    (draft: ScreeningDraft, screening: CompletedScreening) => {
      progress.current ??= { ...draft.progress };
      if (!recordedAt.current) {
        const at = new Date();
        recordedAt.current = draft.recordedAt ?? { iso: at.toISOString(), utcOffsetMinutes: -at.getTimezoneOffset() };
      }
      const fixed = recordedAt.current;
      update((d) => ({ ...d, recordedAt: fixed }));
      const run = queue.current.then(async () =>
        (await loadSender())(
          screening,
          { now: new Date(fixed.iso), utcOffsetMinutes: fixed.utcOffsetMinutes },
          { ...progress.current },
          {
            api,
            capabilities,
            ...(careManager ? { careManager } : {}),
            onProgress: (key, p) => {
              const next = { ...progress.current };
              if (p) next[key] = p;
              else delete next[key];
              progress.current = next;
              update((d) => ({ ...d, progress: next }));
            },
          },
        ),
      );
      queue.current = run.catch(() => undefined);
      return run;
    },
    [api, capabilities, careManager, update],
  );
}
