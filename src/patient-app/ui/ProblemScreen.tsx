/** A launch that cannot go on, in words for a patient: what happened and what to do. */
import type { PatientLaunchProblem } from '../../fhir/patientSession';
import { Screen } from './Screen';

const TEXTS: Record<PatientLaunchProblem, { title: string; body: string; next: string }> = {
  expired: {
    title: 'This link has expired',
    body: 'For your privacy, the link to your questions works for a short time only, and only once.',
    next: 'Go back to your patient portal and open your questions again from there.',
  },
  'other-patient': {
    title: 'This sign-in is for someone else',
    body: 'The questions you opened belong to a different person than the one signed in, so they cannot be shown here.',
    next: 'Sign out of the patient portal, sign in as yourself, and open your questions again.',
  },
  'not-a-patient': {
    title: 'This page is for patients',
    body: 'You are signed in as a member of staff, not as a patient.',
    next: 'Patients open their questions from the patient portal. Staff use CoCM Registry from the EHR.',
  },
  denied: {
    title: 'You chose not to sign in',
    body: 'Nothing was shared and nothing was sent.',
    next: 'If you want to answer your questions, open them again from your patient portal.',
  },
  unreachable: {
    title: "We could not reach your care team's system",
    body: 'Your phone may be offline, or the system is busy.',
    next: 'Check that you are online, then open your questions again from your patient portal.',
  },
  setup: {
    title: 'Your questions are not available right now',
    body: 'This is a problem on our side, not something you did.',
    next: 'Please call your care team to tell them how you are doing.',
  },
};

export function ProblemScreen({ problem }: { problem: PatientLaunchProblem }) {
  const text = TEXTS[problem];
  return (
    <Screen title={text.title}>
      <p>{text.body}</p>
      <p>{text.next}</p>
    </Screen>
  );
}
