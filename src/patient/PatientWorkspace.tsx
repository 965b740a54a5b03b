import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import { useCallback, useMemo } from 'react';
import { summarizePatient } from '../clinical/demographics/patientSummary';
import { useSession } from '../app/SessionContext';
import { readPatient } from '../fhir/reads/patients';
import { ErrorNote } from '../shared/ErrorNote';
import { useAsync } from '../shared/useAsync';
import { PatientBanner } from './PatientBanner';
import { PatientView } from './PatientView';
import { RegistryPanel } from './registry/RegistryPanel';
import { useRegistryRow } from './registry/useRegistryRow';

export interface PatientWorkspaceProps {
  patientId: string;
  onBack?: () => void;
  /** Words of the Back button (where it returns to). */
  backLabel?: string;
  /** Called after the patient was referred or enrolled here (the caseload adds them). */
  onEnrolled?: (patientId: string) => void;
}

export function PatientWorkspace({ patientId, onBack, backLabel = 'Back to patient search', onEnrolled }: PatientWorkspaceProps) {
  const session = useSession();
  const read = useCallback((signal: AbortSignal) => readPatient(session.api, patientId, signal), [session, patientId]);
  const state = useAsync(read);
  // Read here, in parallel with the rest, and shared: the panel shows it, the summary counts from its episode.
  const registry = useRegistryRow(session, patientId);
  const registryRow = registry.state.status === 'done' ? registry.state.value.row : registry.state.status === 'loading' ? registry.state.previous?.row : undefined;
  const courseWindow = registryRow?.course;
  const summary = useMemo(() => (state.status === 'done' ? summarizePatient(state.value, new Date()) : undefined), [state]);
  return (
    <>
      {onBack ? (
        <Button onClick={onBack} sx={{ mb: 1 }}>
          {backLabel}
        </Button>
      ) : null}
      {state.status === 'loading' ? <Skeleton variant="rectangular" height={56} aria-label="Loading patient" /> : null}
      {state.status === 'failed' ? <ErrorNote error={state.error} title="The patient's record could not be read" /> : null}
      {summary ? <PatientBanner patient={summary} /> : null}
      {/* The scores are read in parallel with the Patient: nothing waits on the banner. */}
      {state.status === 'failed' && (state.error as { kind?: string }).kind === 'not-found' ? null : (
        <>
          <RegistryPanel patientId={patientId} registry={registry} {...(onEnrolled ? { onEnrolled } : {})} />
          <PatientView patientId={patientId} courseWindow={courseWindow} />
        </>
      )}
    </>
  );
}
