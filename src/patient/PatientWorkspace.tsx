import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import type { PatientRecords } from '../clinical/caseload';
import { errorMessage } from '../shared/ErrorNote';
import { PatientChartProvider, usePatientChart } from './chart/PatientChartProvider';
import { RetryNote } from './chart/RetryNote';
import { PatientView } from './PatientView';

export interface PatientWorkspaceProps {
  patientId: string;
  onBack?: () => void;
  /** Words of the Back button (where it returns to). */
  backLabel?: string;
  /** Called after the patient was referred or enrolled here (the caseload adds them). */
  onEnrolled?: (patientId: string) => void;
  /** The records the caseload already holds for this patient: the chart is drawn from them at once. */
  initialRecords?: PatientRecords | undefined;
}

export function PatientWorkspace({ patientId, onBack, backLabel = 'Back to patient search', onEnrolled, initialRecords }: PatientWorkspaceProps) {
  return (
    <PatientChartProvider patientId={patientId} initialRecords={initialRecords}>
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
      {chart && !chart.banner.known ? <RetryNote severity="error" title="The patient's record could not be read:" reason={chart.banner.reason} /> : null}
      <PatientView {...(onEnrolled ? { onEnrolled } : {})} />
    </>
  );
}
