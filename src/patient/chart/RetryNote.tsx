import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { usePatientChart } from './PatientChartProvider';

/**
 * A section that could not be read: says what and why, with "Try again" (one refresh of the
 * whole chart). While the retry runs the button says so and cannot be pressed twice.
 */
export function RetryNote({ title, reason, severity = 'warning' }: { title: string; reason?: string | undefined; severity?: 'warning' | 'error' }) {
  const { refresh, loading } = usePatientChart();
  return (
    <Alert
      severity={severity}
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" onClick={refresh} disabled={loading}>
          {loading ? 'Trying again…' : 'Try again'}
        </Button>
      }
    >
      <strong>{title}</strong>
      {reason ? ` ${reason}` : null}
    </Alert>
  );
}
