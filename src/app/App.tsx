import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { AppShell } from './AppShell';
import { LaunchProblemScreen } from './LaunchProblemScreen';
import { SessionProvider } from './SessionContext';
import { useSessionState } from './useSessionState';

export function App() {
  const state = useSessionState();
  if (state.status === 'failed') return <LaunchProblemScreen problem={state.problem} />;
  if (state.status === 'starting') {
    return (
      <Box component="main" sx={{ display: 'flex', gap: 2, alignItems: 'center', p: 4 }} aria-busy="true">
        <CircularProgress size={24} aria-label="Signing in" />
        <Typography>Signing in through your EHR…</Typography>
      </Box>
    );
  }
  return (
    <SessionProvider session={state.session}>
      <AppShell />
    </SessionProvider>
  );
}
