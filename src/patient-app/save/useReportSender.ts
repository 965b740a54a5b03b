/**
 * Runs the sends one after another (the early item-9 send, then the final one, or a retry),
 * with the records' time fixed at the first send so every resend builds identical resources,
 * and the progress written into the draft as it happens (sessionStorage: a phone that locks
 * or reloads mid-send resumes without copies).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { CompletedScreening } from '../../clinical/records';
import type { WriteCapabilities } from '../../fhir/capabilities';
import type { FhirApi } from '../../fhir/fhirApi';
import type { RecordProgress, ScreeningDraft } from '../../screening/model/draft';
import type { SendResult } from './sendReport';

type SendReport = (typeof import('./sendReport'))['sendReport'];
let sender: Promise<SendReport> | undefined;

/**
 * The save path, a chunk of its own (not in the first screen's bytes), loaded once. It is
 * asked for as soon as the questions open, while the phone is surely online: a module whose
 * load failed is remembered as failed by the browser (Chromium 150 answers a second
 * `import()` of it without a request), so a chunk first asked for on a send made offline
 * could never send, even back online, until the page was reloaded (the lost-connection test
 * in tests/browser/patientReports.test.ts). A failed load is forgotten here, so the next
 * send asks again, for a browser that does fetch it again.
 */
function loadSender(): Promise<SendReport> {
  sender ??= import('./sendReport').then(
    (m) => m.sendReport,
    (error: unknown) => {
      sender = undefined;
      throw error;
    },
  );
  return sender;
}

export function useReportSender(
  api: FhirApi,
  capabilities: WriteCapabilities,
  careManager: string | undefined,
  update: (change: (draft: ScreeningDraft) => ScreeningDraft) => void,
): (draft: ScreeningDraft, screening: CompletedScreening) => Promise<SendResult> {
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const progress = useRef<Record<string, RecordProgress> | undefined>(undefined);
  const recordedAt = useRef<ScreeningDraft['recordedAt']>(undefined);
  useEffect(() => {
    // A failure here is met again, with its words, by the first send.
    loadSender().catch(() => undefined);
  }, []);

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
