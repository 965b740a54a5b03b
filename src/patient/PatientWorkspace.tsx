import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import { errorMessage } from '../shared/ErrorNote';
import { PatientChartProvider, usePatientChart } from './chart/PatientChartProvider';
import { RetryNote } from './chart/RetryNote';
import { PatientBanner } from './PatientBanner';
import { PatientView } from './PatientView';
import { RegistryPanel } from './registry/RegistryPanel';

export interface PatientWorkspaceProps {
  patientId: string;
  onBack?: () => void;
  /** Words of the Back button (where it returns to). */
  backLabel?: string;
  /** Called after the patient was referred or enrolled here (the caseload adds them). */
  onEnrolled?: (patientId: string) => void;
}

export function PatientWorkspace({ patientId, onBack, backLabel = 'Back to patient search', onEnrolled }: PatientWorkspaceProps) {
  return (
    <PatientChartProvider patientId={patientId}>
      {onBack ? (
        <Button onClick={onBack} sx={{ mb: 1 }}>
          {backLabel}
        </Button>
      ) : null}
      <PatientChartPage {...(onEnrolled ? { onEnrolled } : {})} />
    </PatientChartProvider>
  );
}

function PatientChartPage({ onEnrolled }: { onEnrolled?: (patientId: string) => void }) {
  const { chart, error } = usePatientChart();
  const notFound = !chart && (error as { kind?: string } | undefined)?.kind === 'not-found';
  if (notFound) return <RetryNote severity="error" title="The patient's record could not be read:" reason={errorMessage(error)} />;
  return (
    <>
      {!chart && !error ? <Skeleton variant="rectangular" height={56} aria-label="Loading patient" /> : null}
      {chart?.banner.known ? <PatientBanner patient={chart.banner.value} /> : null}
      {chart && !chart.banner.known ? <RetryNote severity="error" title="The patient's record could not be read:" reason={chart.banner.reason} /> : null}
      <RegistryPanel {...(onEnrolled ? { onEnrolled } : {})} />
      <PatientView />
    </>
  );
}
