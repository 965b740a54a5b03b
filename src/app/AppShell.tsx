import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { Session } from '../fhir/session';
import { PatientWorkspace } from '../patient/PatientWorkspace';
import { RegistryHome } from '../caseload/RegistryHome';
import { SignedInUser } from './SignedInUser';

/**
 * Launched with a patient, the app is that patient's workspace. Launched without one, it
 * is the registry: the caseload, the case review queue and "Find a patient"; a patient chosen
 * there opens inside the app, kept in memory only (never in the URL or storage).
 */
export function AppShell({ session }: { session: Session }) {
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
        {/* Without a patient in context: the registry (caseload, case review, Find a patient). */}
        {session.patientId ? <PatientWorkspace key={session.patientId} session={session} patientId={session.patientId} /> : <RegistryHome session={session} />}
      </Box>
    </>
  );
}
