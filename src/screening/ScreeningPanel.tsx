/**
 * `Screen now`: PHQ-2 -> PHQ-9 and GAD-2 -> GAD-7 at the visit, keyboard first, saved to the
 * EHR as far as this EHR allows, with a copy-ready note text always. The default export, so
 * the patient view can load it as its own chunk with `React.lazy`.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { INSTRUMENTS } from '../clinical';
import { buildNoteText, possibleRecords, screeningRecords } from '../clinical/records';
import { writeCapabilitiesFor } from '../fhir/capabilities';
import { useScreeningDraft } from './hooks/useScreeningDraft';
import { useSaveScreening } from './hooks/useSaveScreening';
import { useWriteCapabilities } from './hooks/useWriteCapabilities';
import { isLocked } from './model/draft';
import {
  completedScreening,
  firstQuestionKey,
  fullInstrumentOf,
  isComplete,
  nextQuestionKey,
  type Question,
  safetyAnswer,
  type SectionId,
  unansweredNumbers,
  visibleQuestions,
  withAnswer,
} from './model/flow';
import { planWrites } from './model/writePlan';
import type { WrittenRecord } from './save/saveScreening';
import { AnswersSummary } from './ui/AnswersSummary';
import { NoteTextActions } from './ui/NoteTextActions';
import { QuestionsStep } from './ui/QuestionsStep';
import { ResultSummary } from './ui/ResultSummary';
import { SafetyAlert } from './ui/SafetyAlert';
import { WriteNotice } from './ui/WriteNotice';
import { useSession } from '../app/SessionContext';

export interface ScreeningPanelProps {
  patientId: string;
  /** Something was written: refresh the patient view's scores and flags. */
  onSaved?: (written: WrittenRecord[]) => void;
  /** `saved`: closed by itself because everything was saved to the chart. */
  onClose: (reason?: 'saved') => void;
  /** Tests only: the draft store (default: this tab's sessionStorage). */
  storage?: Storage;
  /** Tests only: the clock. */
  now?: () => Date;
}

const FINISH = 'finish';
const systemNow = (): Date => new Date();

export default function ScreeningPanel({ patientId, onSaved, onClose, storage, now = systemNow }: ScreeningPanelProps) {
  const session = useSession();
  const scope = { serverUrl: session.serverUrl, patientId, ...(session.fhirUser ? { fhirUser: session.fhirUser } : {}) };
  const { draft, restored, update, finish, startOver } = useScreeningDraft(scope, storage);
  const snapshot = useWriteCapabilities(session);
  const capabilities = writeCapabilitiesFor(session);
  const { saving, report, save } = useSaveScreening(session.api, capabilities, update, now);
  const [missing, setMissing] = useState<string[]>();
  const [unexpected, setUnexpected] = useState(false);

  // Focus moves only when a digit key answered: a mouse user's focus stays where it is.
  const groups = useRef(new Map<string, HTMLElement>());
  const finishButton = useRef<HTMLButtonElement | null>(null);
  const saveButton = useRef<HTMLButtonElement | null>(null);
  // On opening, focus starts on the first question to answer (no extra Tab into the form).
  const pendingFocus = useRef<string | undefined>(draft.step === 'questions' ? firstQuestionKey(draft) : undefined);
  const focusGroup = (group: HTMLElement | undefined): boolean => {
    const radio = group?.querySelector<HTMLInputElement>('input[type=radio]:checked') ?? group?.querySelector<HTMLInputElement>('input[type=radio]');
    radio?.focus();
    return radio !== undefined && radio !== null;
  };
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    if (target === FINISH) {
      pendingFocus.current = undefined;
      return finishButton.current?.focus();
    }
    if (target === 'save') {
      pendingFocus.current = undefined;
      return saveButton.current?.focus();
    }
    // The dialog's content mounts a render later (portal): then `registerGroup` focuses it.
    if (focusGroup(groups.current.get(target))) pendingFocus.current = undefined;
  });

  // The encounter in context belongs to the launch's patient only.
  const encounterId = session.patientId === patientId ? session.encounterId : undefined;
  const completed = useMemo(
    () => completedScreening(draft, { ...(encounterId ? { encounterId } : {}), ...(session.fhirUser ? { author: session.fhirUser } : {}) }),
    [draft, encounterId, session.fhirUser],
  );
  const verdictOf = snapshot.verdict;
  const startPlan = planWrites(possibleRecords(), verdictOf);
  const reviewPlan = completed ? planWrites(screeningRecords(completed), verdictOf) : undefined;
  const locked = isLocked(draft);
  const item9 = safetyAnswer(draft);

  const notSaved = report
    ? report.specs.filter((s) => !['saved', 'already-there'].includes(report.outcomes[s.key]?.status ?? '')).map((s) => s.label)
    : (reviewPlan?.wontSave.map((p) => p.spec.label) ?? []);
  const recordedAt = draft.recordedAt;
  const clock = recordedAt ? { now: new Date(recordedAt.iso), utcOffsetMinutes: recordedAt.utcOffsetMinutes } : undefined;
  const noteNow = clock ?? { now: now(), utcOffsetMinutes: -now().getTimezoneOffset() };
  const noteText = completed ? buildNoteText(completed, noteNow, { notSaved }) : '';

  function answer(question: Question, value: string, viaKey: boolean) {
    const next = withAnswer(draft, question, value);
    update((d) => withAnswer(d, question, value));
    setMissing(undefined);
    if (viaKey) pendingFocus.current = nextQuestionKey(next, question.key) ?? FINISH;
  }

  function chooseFull(section: SectionId) {
    update((d) => (section === 'phq' ? { ...d, phqFullChosen: true } : { ...d, gadFullChosen: true }));
    pendingFocus.current = INSTRUMENTS[fullInstrumentOf(section)].items[2]?.loinc;
  }

  function finishQuestions() {
    if (!isComplete(draft)) {
      setMissing(unansweredNumbers(draft));
      pendingFocus.current = visibleQuestions(draft).find((q) => q.scored && draft.answers[q.key] === undefined)?.key;
      return;
    }
    update((d) => ({ ...d, step: 'review' }));
    pendingFocus.current = 'save';
  }

  async function saveToChart() {
    if (!completed) return;
    setUnexpected(false);
    try {
      const result = await save(draft, completed);
      if (result.written.length > 0) onSaved?.(result.written);
      if (result.finished) finish();
      // Everything is in the chart: the dialog closes and the patient view shows the result.
      // Anything less keeps it open, saying what was not saved, with the note text.
      if (result.specs.every((s) => result.outcomes[s.key]?.status === 'saved')) onClose('saved');
    } catch {
      setUnexpected(true);
    }
  }

  const reviewing = draft.step === 'review' && completed !== undefined;
  const savedEarlier = Object.values(draft.progress).some((p) => p.status === 'saved');

  return (
    <Dialog open onClose={() => onClose()} fullWidth maxWidth="md" aria-labelledby="screening-title" scroll="paper">
      <DialogTitle id="screening-title">Screening: depression and anxiety</DialogTitle>
      {/* Outside the scrolling content: always in view, never over a question or a review row. */}
      {item9 !== undefined && item9 > 0 ? <SafetyAlert item9={item9} /> : null}
      <DialogContent dividers>
        {!reviewing ? <WriteNotice plan={startPlan} when="start" /> : null}
        {restored && !report ? (
          <Alert severity="info" role="status" sx={{ mb: 2 }} action={!locked ? <Button onClick={startOver}>Start over</Button> : undefined}>
            Restored the answers typed earlier in this window.
            {savedEarlier ? ' Part of this screening was saved already; saving again sends only the rest.' : ''}
          </Alert>
        ) : null}
        {!reviewing ? (
          <QuestionsStep
            draft={draft}
            disabled={locked}
            onAnswer={answer}
            onChooseFull={chooseFull}
            registerGroup={(key, el) => {
              if (el) groups.current.set(key, el);
              else groups.current.delete(key);
              if (el && key === pendingFocus.current && focusGroup(el)) pendingFocus.current = undefined;
            }}
          />
        ) : null}
        {reviewing && completed && reviewPlan ? (
          <>
            <Typography component="h2" variant="h6">
              Review
            </Typography>
            {report ? <ResultSummary report={report} /> : <WriteNotice plan={reviewPlan} when="review" />}
            {unexpected ? (
              <Alert severity="error" role="status" sx={{ mb: 2 }}>
                Saving stopped because of an unexpected problem. The answers are kept; try again.
              </Alert>
            ) : null}
            <AnswersSummary screening={completed} />
            <NoteTextActions text={noteText} />
          </>
        ) : null}
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        {!reviewing && missing && missing.length > 0 ? (
          <Typography role="status" color="error" variant="body2" sx={{ mr: 'auto' }}>
            Answer these first: {missing.join(', ')}.
          </Typography>
        ) : null}
        {!reviewing ? (
          <Button variant="contained" onClick={finishQuestions} ref={finishButton}>
            Finish screening
          </Button>
        ) : null}
        {reviewing && !locked ? <Button onClick={() => update((d) => ({ ...d, step: 'questions' }))}>Back to answers</Button> : null}
        {reviewing && !report?.finished && !reviewPlan?.noteOnly ? (
          <Button variant="contained" onClick={saveToChart} disabled={saving} ref={saveButton}>
            {saving ? 'Saving…' : report ? 'Retry saving' : 'Save to chart'}
          </Button>
        ) : null}
        <Button onClick={() => onClose()}>{report?.finished || reviewPlan?.noteOnly ? 'Close' : 'Close (answers are kept)'}</Button>
      </DialogActions>
    </Dialog>
  );
}
