/**
 * The patient's questionnaire from start to thank-you: what is due, one question per screen,
 * the crisis screen at once on a positive item 9 (while the PHQ-9 part, its safety Flag and
 * an urgent message go to the team in the background), then sending the rest exactly once.
 */
import { useEffect, useRef, useState } from 'react';
import { INSTRUMENTS } from '../clinical/instruments/definitions';
import type { PatientStatus } from '../clinical/patientReports';
// The record modules themselves, not the records index: the save path loads only when sending.
import { scoreOf } from '../clinical/records/score';
import { ANSWERS_MESSAGE_SPEC, formSpec } from '../clinical/records/specs';
import { addDays } from '../clinical/enrollment/calendar';
import type { CapabilitySnapshot } from '../fhir/capabilities';
import { writeCapabilitiesFor } from '../fhir/capabilities';
import type { PatientSession } from '../fhir/patientSession';
import { useScreeningDraft } from '../screening/hooks/useScreeningDraft';
import { useWriteCapabilities } from '../screening/hooks/useWriteCapabilities';
import { FIRST_GAD_INDEX, firstUnanswered, patientScreening, QUESTIONS, SAFETY_ITEM_LOINC, safetyPositive } from './model/questions';
import type { SendResult } from './save/sendReport';
import { useReportSender } from './save/useReportSender';
import { type TeamNotice, CrisisScreen } from './ui/CrisisScreen';
import { QuestionScreen } from './ui/QuestionScreen';
import { AlreadySentScreen } from './ui/SentAnswers';
import { NotSentScreen, ReviewScreen, SendingScreen, SentScreen } from './ui/SendScreens';
import { type Delivery, StartScreen } from './ui/StartScreen';

type Step = 'start' | 'question' | 'crisis' | 'review' | 'sending' | 'sent' | 'not-sent' | 'already' | 'view';

function deliveryOf(snapshot: CapabilitySnapshot): Delivery {
  if (snapshot.metadata.status === 'idle' || snapshot.metadata.status === 'loading') return 'checking';
  if (snapshot.verdict(formSpec('phq9')).status !== 'not-allowed') return 'forms';
  return snapshot.verdict(ANSWERS_MESSAGE_SPEC).status === 'not-allowed' ? 'cannot' : 'as-message';
}

/** The draft's own sessionStorage slot: apart from a clinic screening kept in the same tab. */
function draftServer(serverUrl: string): string {
  return `${serverUrl} (patient report)`;
}

export function ReportFlow({ session, status, today }: { session: PatientSession; status: PatientStatus; today: string }) {
  const { draft, restored, update, finish } = useScreeningDraft({ serverUrl: draftServer(session.serverUrl), patientId: session.patientId, fhirUser: session.fhirUser });
  const capabilities = writeCapabilitiesFor(session);
  const snapshot = useWriteCapabilities(session);
  const send = useReportSender(session.api, capabilities, status.careManager, update);
  const inProgress = restored && Object.keys(draft.answers).length > 0;
  const [step, setStep] = useState<Step>(status.sentToday.length > 0 && !inProgress ? 'already' : 'start');
  const [index, setIndex] = useState(() => Math.min(firstUnanswered(draft.answers), QUESTIONS.length - 1));
  const [notice, setNotice] = useState<TeamNotice>('sending');
  const [result, setResult] = useState<SendResult>();
  // Once the PHQ-9 part was sent (a positive item 9), its answers stand: no going back into it.
  const phqSent = draft.recordedAt !== undefined;
  const delivery = deliveryOf(snapshot);

  // Reopened after a positive item 9 whose message to the team had not gone out (the phone
  // locked, the page was closed): send it now, before anything else.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || !restored || !safetyPositive(draft.answers) || firstUnanswered(draft.answers) < FIRST_GAD_INDEX) return;
    resumed.current = true;
    const told = ['safety-flag', 'safety-message'].some((k) => draft.progress[k]?.status === 'saved');
    if (!told) void send(draft, patientScreening(draft, session.fhirUser, 'phq9')).catch(() => undefined);
  }, [restored, draft, send, session.fhirUser]);

  const sendAll = () => {
    setStep('sending');
    send(draft, patientScreening(draft, session.fhirUser)).then(
      (r) => {
        setResult(r);
        if (r.finished) {
          finish();
          setStep('sent');
        } else setStep('not-sent');
      },
      () => setStep('not-sent'),
    );
  };

  const tellTeamNow = () => {
    setNotice('sending');
    send(draft, patientScreening(draft, session.fhirUser, 'phq9')).then(
      (r) => setNotice(r.teamTold ? 'told' : 'not-told'),
      () => setNotice('not-told'),
    );
  };

  const next = () => {
    const question = QUESTIONS[index]!;
    if (question.item.loinc === SAFETY_ITEM_LOINC && safetyPositive(draft.answers)) {
      // Help first: the crisis screen shows now, whatever the send does.
      setStep('crisis');
      tellTeamNow();
      return;
    }
    if (index + 1 >= QUESTIONS.length) setStep('review');
    else setIndex(index + 1);
  };

  if (step === 'already' || step === 'view') return <AlreadySentScreen reports={status.sentToday} viewing={step === 'view'} onView={() => setStep('view')} />;
  if (step === 'start') {
    return (
      <StartScreen
        due={status.due}
        delivery={delivery}
        resuming={inProgress}
        onStart={() => {
          const first = firstUnanswered(draft.answers);
          if (first >= QUESTIONS.length) setStep('review');
          else {
            setIndex(first);
            setStep('question');
          }
        }}
      />
    );
  }
  if (step === 'crisis') {
    return (
      <CrisisScreen
        notice={notice}
        onContinue={() => {
          setIndex(index + 1);
          setStep('question');
        }}
      />
    );
  }
  if (step === 'review') return <ReviewScreen onSend={sendAll} onBack={() => setStep('question')} />;
  if (step === 'sending') return <SendingScreen />;
  if (step === 'not-sent') return <NotSentScreen sessionEnded={result?.sessionEnded ?? false} onRetry={sendAll} />;
  if (step === 'sent') {
    const showScores = session.settings.program.patientReports?.showScoresToPatient === true;
    const screening = patientScreening(draft, session.fhirUser);
    const scores = showScores
      ? screening.administered.map((a) => {
          const s = scoreOf(a);
          return `${INSTRUMENTS[a.instrument].name}: ${s.total} out of ${s.definition.maxScore}${s.severity ? ` (${s.severity.label.toLowerCase()})` : ''}`;
        })
      : undefined;
    return (
      <SentScreen
        asMessage={delivery === 'as-message'}
        notDelivered={result ? !result.answersDelivered : false}
        scores={scores}
        nextDue={status.due.intervalDays ? addDays(today, status.due.intervalDays) : undefined}
      />
    );
  }
  const question = QUESTIONS[index]!;
  const firstAllowed = phqSent ? FIRST_GAD_INDEX : 0;
  return (
    <QuestionScreen
      key={question.item.loinc}
      question={question}
      value={draft.answers[question.item.loinc]}
      onAnswer={(score) => update((d) => ({ ...d, answers: { ...d.answers, [question.item.loinc]: score } }))}
      onNext={next}
      onBack={index > firstAllowed ? () => setIndex(index - 1) : undefined}
    />
  );
}
