import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Session } from '../fhir/session';
import { PatientWorkspace } from '../patient/PatientWorkspace';
import { PatientSearch } from '../patient-search/PatientSearch';
import { SignedInUser } from './SignedInUser';

/**
 * Launched with a patient, the app is that patient's workspace. Launched without one, it
 * starts at the patient search; a patient chosen there opens inside the app, kept in memory
 * only (never in the URL or storage).
 */
export function AppShell({ session }: { session: Session }) {
  const [chosenPatientId, setChosenPatientId] = useState<string | undefined>();
  const patientId = session.patientId ?? chosenPatientId;
  return (
    <>
      <AppBar position="static" color="primary" elevation={0}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography component="span" variant="h6" sx={{ flexGrow: 1, fontSize: '1.05rem' }}>
            CoCM Registry
          </Typography>
          <SignedInUser session={session} />
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ p: 2 }}>
        {patientId ? (
          <PatientWorkspace
            key={patientId}
            session={session}
            patientId={patientId}
            {...(session.patientId ? {} : { onBack: () => setChosenPatientId(undefined) })}
          />
        ) : (
          <PatientSearch session={session} onOpen={setChosenPatientId} />
        )}
      </Box>
    </>
  );
}
