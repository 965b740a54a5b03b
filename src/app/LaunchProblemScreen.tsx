import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Container from '@mui/material/Container';
import Typography from '@mui/material/Typography';
import type { LaunchProblem } from '../fhir/launchError';

export function LaunchProblemScreen({ problem }: { problem: LaunchProblem }) {
  return (
    <Container maxWidth="sm" component="main" sx={{ py: 6 }}>
      <Alert severity={problem.kind === 'no-launch' ? 'info' : 'error'} role="alert">
        <AlertTitle component="h1" sx={{ fontSize: '1.3rem' }}>
          {problem.title}
        </AlertTitle>
        <Typography sx={{ mb: 1.5 }}>{problem.explanation}</Typography>
        <Typography sx={{ mb: 1.5 }}>
          <strong>What to do: </strong>
          {problem.nextStep}
        </Typography>
        {problem.detail ? (
          <Typography variant="body2" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
            Details: {problem.detail}
          </Typography>
        ) : null}
      </Alert>
    </Container>
  );
}
