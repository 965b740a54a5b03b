import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import CircularProgress from '@mui/material/CircularProgress';
import { useSession } from './SessionContext';
import { PatientWorkspace } from '../patient/PatientWorkspace';
import { SessionExpiryNotice } from './SessionExpiryNotice';
import { RoleProvider } from './role/RoleContext';
import { RoleSwitch } from './role/RoleSwitch';
import { SignedInUser } from './SignedInUser';
import { ContactTimerProvider } from '../contacts/timer/ContactTimerContext';
import { TimerClock } from '../contacts/timer/TimerClock';
import { deferredPart } from '../shared/deferredPart';

// The registry (MUI X Data Grid and the caseload) is its own chunk: a launch from a
// patient's chart, the most common one, never downloads it.
const registryHome = deferredPart<object>('registry', () => import('../caseload/RegistryHome').then((m) => ({ default: m.RegistryHome })));

function LoadingRegistry() {
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }} aria-busy="true">
      <CircularProgress size={20} aria-label="Loading the registry" />
      <Typography>Loading the registry…</Typography>
    </Box>
  );
}

/**
 * Launched with a patient, the app is that patient's workspace. Launched without one, it
 * is the registry: the caseload, the case review queue and "Find a patient"; a patient chosen
 * there opens inside the app, kept in memory only (never in the URL or storage).
 */
export function AppShell() {
  const session = useSession();
  return (
    <RoleProvider session={session}>
      <ContactTimerProvider {...(session.patientId ? { onlyPatientId: session.patientId } : {})}>
        <AppBar position="static" color="primary" elevation={0}>
          <Toolbar variant="dense" sx={{ gap: 2, flexWrap: 'wrap', rowGap: 0.5, py: 0.5 }}>
            <Typography component="span" variant="h6" sx={{ flexGrow: 1, fontSize: '1.05rem' }}>
              CoCM Registry
            </Typography>
            {/* The running contact timer, on every screen. */}
            <TimerClock inAppBar />
            <SignedInUser />
            <RoleSwitch />
          </Toolbar>
        </AppBar>
        <SessionExpiryNotice token={session.token} />
        <Box component="main" sx={{ px: 2, py: 1 }}>
          {/* Without a patient in context: the registry (caseload, case review, Find a patient). */}
          {session.patientId ? <PatientWorkspace key={session.patientId} patientId={session.patientId} /> : <registryHome.Part fallback={<LoadingRegistry />} />}
        </Box>
      </ContactTimerProvider>
    </RoleProvider>
  );
}
