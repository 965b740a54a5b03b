/**
 * The patient app after the sign-in: the session (one code exchange per page), then the
 * patient's own records (what is due, what was sent today). A failed read is said as "could
 * not be checked" with a retry, never taken as "nothing sent"; a refusal (403) means the
 * token is not this patient's.
 */
import { useCallback, useEffect, useState } from 'react';
import type { PatientStatus } from '../clinical/patientReports';
import { programMeasurementSchedule } from '../clinical/schedule/measurementSchedule';
import { FhirError } from '../fhir/fhirError';
import { getPatientSession, PatientLaunchFailure, type PatientLaunchProblem, type PatientSession } from '../fhir/patientSession';
import { readOwnRecords } from '../fhir/reads/ownRecords';
import { ReportFlow } from './ReportFlow';
import { ProblemScreen } from './ui/ProblemScreen';
import { Screen } from './ui/Screen';

type State =
  | { kind: 'loading' }
  | { kind: 'problem'; problem: PatientLaunchProblem }
  | { kind: 'unread'; session: PatientSession }
  | { kind: 'ready'; session: PatientSession; status: PatientStatus; today: string };

/** The patient's own calendar date (the records carry the phone's local time). */
function localToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function PatientApp() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback((session: PatientSession) => {
    setState({ kind: 'loading' });
    const today = localToday();
    // The score reader loads while the records are read: it is not part of the first screen's bundle.
    Promise.all([readOwnRecords(session.api, session.patientId), import('../clinical/patientReports/patientStatus')]).then(
      ([records, { patientStatus }]) =>
        setState({
          kind: 'ready',
          session,
          status: patientStatus(records, session.patientId, today, programMeasurementSchedule(session.settings.program.registry, session.settings.program.measurementSchedule)),
          today,
        }),
      (error: unknown) => {
        if (error instanceof FhirError && error.kind === 'forbidden') setState({ kind: 'problem', problem: 'other-patient' });
        else if (error instanceof FhirError && error.kind === 'unauthorized') setState({ kind: 'problem', problem: 'expired' });
        else setState({ kind: 'unread', session });
      },
    );
  }, []);

  useEffect(() => {
    getPatientSession().then(load, (error: unknown) => setState({ kind: 'problem', problem: error instanceof PatientLaunchFailure ? error.problem : 'expired' }));
  }, [load]);

  if (state.kind === 'loading') {
    return (
      <Screen title="Getting your questions ready…">
        <p role="status">One moment, please.</p>
      </Screen>
    );
  }
  if (state.kind === 'problem') return <ProblemScreen problem={state.problem} />;
  if (state.kind === 'unread') {
    return (
      <Screen title="We could not check your questions">
        <p role="status">We could not reach your care team&apos;s system to see what is due. Check that you are online, then try again.</p>
        <div className="pa-actions">
          <button type="button" className="pa-button" onClick={() => load(state.session)}>
            Try again
          </button>
        </div>
      </Screen>
    );
  }
  return <ReportFlow session={state.session} status={state.status} today={state.today} />;
}
