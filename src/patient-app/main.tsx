/**
 * patient.html: the patient app. Opened by the patient portal with `iss` (a standalone
 * launch: sign in, then come back here with a code), or after the sign-in with the code.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PatientLaunchFailure, startPatientSignIn } from '../fhir/patientSession';
import { PatientApp } from './PatientApp';
import { ProblemScreen } from './ui/ProblemScreen';
import { Screen } from './ui/Screen';
import './patient.css';

const root = createRoot(document.getElementById('root')!);
const url = new URL(window.location.href);

if (url.searchParams.has('iss') && !url.searchParams.has('code')) {
  root.render(
    <Screen title="Signing you in…">
      <p role="status">One moment, please.</p>
    </Screen>,
  );
  startPatientSignIn(url).catch((error: unknown) => root.render(<ProblemScreen problem={error instanceof PatientLaunchFailure ? error.problem : 'expired'} />));
} else {
  root.render(
    <StrictMode>
      <PatientApp />
    </StrictMode>,
  );
}
