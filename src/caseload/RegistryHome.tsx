/**
 * The app launched without a patient: the caseload grid, the psychiatric case review queue
 * and "Find a patient", with a patient opened inside the app (in memory, never in the URL).
 * Holds the caseload's data and screen state while a patient is open, so Back returns to the
 * same tab, filters, sort, page and scroll without reading the EHR again.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CaseloadRow } from '../clinical/caseload';
import { localDateOf } from '../clinical';
import { fhirDateTime } from '../clinical/records/time';
import { clinicTimeZone } from '../config/runtimeConfig';
import { readRegistryRecordsOf } from '../fhir/reads/registryRecords';
import { useSession } from '../app/SessionContext';
import { requestReview } from '../fhir/writes/registry';
import { PatientSearch } from '../patient-search/PatientSearch';
import { PatientWorkspace } from '../patient/PatientWorkspace';
import { takeCaseloadStore } from './data/registryPrefetch';
import { useCaseload } from './data/useCaseload';
import { usePractitionerNames } from './data/usePractitionerNames';
import { CaseloadGrid } from './grid/CaseloadGrid';
import { RecordReviewDialog } from './review/RecordReviewDialog';
import type { QueueMedications } from './review/queueMedications';
import { ReviewQueue } from './review/ReviewQueue';
import { SourcePicker } from './SourcePicker';
import { useRole } from '../app/role/RoleContext';
import { landingTab } from '../clinical/roles/roles';
import { INITIAL_UI_STATE, type CaseloadUiState } from './uiState';
import { deferredPart } from '../shared/deferredPart';

/** The registry's tabs, in order: the role's landing tab is chosen among these (data, not code). */
const TABS: readonly { value: CaseloadUiState['tab']; label: string }[] = [
  { value: 'caseload', label: 'Caseload' },
  { value: 'review', label: 'Psychiatric case review' },
  { value: 'reports', label: 'Patient reports' },
  { value: 'search', label: 'Find a patient' },
  { value: 'billing', label: 'Billing' },
  { value: 'program', label: 'Program' },
];

// The billing report is its own chunk: opened monthly, by few users.
const billingReport = deferredPart('billing report', () => import('../billing/BillingReport'));
// So is the Program tab (measures incl. CMS159/CMS2, whose engine is a Web Worker; trends, care gaps; chart.js).
const programTab = deferredPart('Program tab', () => import('../program/ProgramTab'));
// Patients' reports from home (the patient app): their own chunk.
const patientReportsTab = deferredPart('list of patient reports', () => import('../patient-reports/PatientReportsTab'));

export function RegistryHome() {
  const session = useSession();
  // Started by the app shell as soon as the session existed (registryPrefetch.ts).
  const [store] = useState(() => takeCaseloadStore(session));
  useEffect(() => () => store.dispose(), [store]);
  const [ui, setUi] = useState<CaseloadUiState>(INITIAL_UI_STATE);
  const onUiChange = useCallback(
    (patch: Partial<CaseloadUiState>) => {
      // "My patients" on or off chooses what is read: the user's patients, or the whole program.
      // The review queue is the program's. Called here, in the event, so the grid never
      // renders the new choice with the old view's "all loaded".
      if (patch.filters && patch.filters.mine !== 'auto') store.setScope(patch.filters.mine ? 'mine' : 'program');
      // So is `Patient reports`: the care team's inbox, whoever's patient sent it.
      if (patch.tab === 'review' || patch.tab === 'reports') store.setScope('program');
      setUi((u) => ({ ...u, ...patch }));
    },
    [store],
  );
  const { role, source, may } = useRole();
  // Each role lands where it works: once its role is known, and again when the user switches role.
  const [landedFor, setLandedFor] = useState<string | undefined>();
  const landingKey = source === 'loading' ? undefined : (role ?? 'none');
  if (landingKey !== undefined && landingKey !== landedFor) {
    setLandedFor(landingKey);
    setUi((u) => ({
      ...u,
      tab: landingTab(
        role,
        TABS.map((t) => t.value),
        'caseload',
      ) as CaseloadUiState['tab'],
    }));
  }
  // A landing on the review queue (set during render above) reads the whole program, as choosing the tab does.
  useEffect(() => {
    if (ui.tab === 'review' || ui.tab === 'reports') store.setScope('program');
  }, [ui.tab, store]);
  const [openPatient, setOpenPatient] = useState<string | undefined>();
  const [reviewing, setReviewing] = useState<{ row: CaseloadRow; medications: QueueMedications | undefined } | undefined>();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [writeProblem, setWriteProblem] = useState<string | undefined>();
  const snapshot = useCaseload(store);
  const nameOf = usePractitionerNames(
    session,
    useMemo(() => snapshot.rows.flatMap((r) => [r.careManager, r.lastReviewer]), [snapshot.rows]),
  );
  const today = localDateOf(new Date(), clinicTimeZone(session.settings));

  const flagForReview = useCallback(
    async (row: CaseloadRow) => {
      setBusy((b) => new Set(b).add(row.id));
      setWriteProblem(undefined);
      try {
        const { flags } = await readRegistryRecordsOf(session.api, row.id);
        const now = new Date();
        const outcomes = await requestReview(
          session,
          { actionId: crypto.randomUUID(), patientId: row.id, when: fhirDateTime(now, -now.getTimezoneOffset()), ...(session.fhirUser ? { author: session.fhirUser } : {}) },
          flags,
        );
        const failed = outcomes.find((o) => !o.saved);
        if (failed && !failed.saved) setWriteProblem(`${row.name} was not flagged for review: ${failed.reason}`);
        else await store.refreshPatient(row.id);
      } catch (error) {
        setWriteProblem(`${row.name} was not flagged for review: ${error instanceof Error ? error.message : 'the EHR did not answer'}`);
      } finally {
        setBusy((b) => {
          const next = new Set(b);
          next.delete(row.id);
          return next;
        });
      }
    },
    [session, store],
  );

  // The same element while the tab stays: Tabs measures its indicator (a forced layout of the
  // whole page) each time it renders, and a sort or a keystroke in the caseload need not.
  const tabs = useMemo(
    () => (
      <Tabs value={ui.tab} onChange={(_e, tab: CaseloadUiState['tab']) => onUiChange({ tab })} aria-label="Registry views">
        {TABS.map((t) => (
          <Tab key={t.value} value={t.value} label={t.label} />
        ))}
      </Tabs>
    ),
    [ui.tab, onUiChange],
  );

  if (openPatient) {
    return (
      <PatientWorkspace
        key={openPatient}
        patientId={openPatient}
        initialRecords={store.recordsOf(openPatient)}
        backLabel={
          ui.tab === 'search'
            ? 'Back to patient search'
            : ui.tab === 'review'
              ? 'Back to case review'
              : ui.tab === 'program'
                ? 'Back to program'
                : ui.tab === 'reports'
                  ? 'Back to patient reports'
                  : 'Back to caseload'
        }
        onBack={() => {
          // What the patient view changed (enrollment, a review) shows when we are back.
          void store.refreshPatient(openPatient);
          setOpenPatient(undefined);
        }}
        onEnrolled={(id) => void store.addPatient(id)}
      />
    );
  }

  const { sourceState, total } = snapshot;
  const unread = snapshot.rows.filter((r) => r.load === 'failed' || r.load === 'partial');
  // The Program tab chooses its own population; the caseload's source and progress are not its.
  const caseloadChrome = ui.tab !== 'search' && ui.tab !== 'program';
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography component="h1" variant="h6">
          Registry
        </Typography>
        {tabs}
        {caseloadChrome ? <SourcePicker source={snapshot.source} onChange={(s) => store.setSource(s)} /> : null}
      </Box>
      {caseloadChrome ? (
        <Box sx={{ my: 1 }} aria-live="polite">
          {sourceState.status === 'refused' ? (
            <Alert severity="warning">
              This EHR did not list the enrolled patients ({sourceState.reason}). Choose a patient list above: the app then reads each patient on it.
            </Alert>
          ) : null}
          {sourceState.status !== 'refused' && !snapshot.complete ? (
            <>
              <LinearProgress aria-label="Loading caseload" variant={total ? 'determinate' : 'indeterminate'} value={total ? (100 * snapshot.loaded) / total : 0} />
              <Typography variant="caption">{total === undefined ? 'Finding the patients…' : `Loaded ${snapshot.loaded} of ${total} patients…`}</Typography>
            </>
          ) : null}
          {sourceState.status === 'found' && sourceState.truncated ? (
            <Alert severity="info">
              {sourceState.unfiltered
                ? 'This EHR cannot search flags by their code, so the app read every flag it holds up to its limit; some enrolled patients may not be shown.'
                : 'The EHR listed more patients than the app reads at once; some are not shown.'}
            </Alert>
          ) : null}
          {snapshot.complete && sourceState.status === 'found' ? (
            <Typography variant="caption" data-testid="caseload-timings">
              {snapshot.scope === 'mine'
                ? `${total} of your patients, from the ${sourceState.total} enrolled. Clear "My patients" to see the whole program.`
                : `${total} patients from ${sourceState.title}.`}
            </Typography>
          ) : null}
          {unread.length > 0 ? (
            <Alert severity="warning">
              Some records of {unread.length} {unread.length === 1 ? 'patient' : 'patients'} could not be read ({unread[0]!.loadProblem}). Their rows say so; choose Reload caseload
              to try again.
            </Alert>
          ) : null}
          {writeProblem ? (
            <Alert severity="error" onClose={() => setWriteProblem(undefined)}>
              {writeProblem}
            </Alert>
          ) : null}
        </Box>
      ) : null}
      {ui.tab === 'caseload' ? (
        <CaseloadGrid
          rows={snapshot.rows}
          me={session.fhirUser}
          nameOf={nameOf}
          ui={ui}
          onUiChange={onUiChange}
          onOpen={setOpenPatient}
          onFlagForReview={flagForReview}
          busy={busy}
        />
      ) : null}
      {ui.tab === 'review' ? (
        <ReviewQueue
          rows={snapshot.rows}
          today={today}
          onOpen={setOpenPatient}
          onRecord={(row, medications) => setReviewing({ row, medications })}
          limit={store.limit}
          nameOf={nameOf}
          mayRecord={may('record-review')}
        />
      ) : null}
      {ui.tab === 'reports' ? (
        <patientReportsTab.Part
          session={session}
          patientIds={snapshot.rows.map((r) => r.id)}
          loadingPatients={sourceState.status === 'finding'}
          nameOf={(id) => snapshot.rows.find((r) => r.id === id)?.name ?? 'Patient'}
          today={today}
          onOpen={setOpenPatient}
        />
      ) : null}
      {ui.tab === 'search' ? <PatientSearch onOpen={setOpenPatient} /> : null}
      {ui.tab === 'billing' ? <billingReport.Part caseloadIds={snapshot.rows.map((r) => r.id)} /> : null}
      {ui.tab === 'program' ? <programTab.Part onOpenPatient={setOpenPatient} /> : null}
      {reviewing ? (
        <RecordReviewDialog
          row={reviewing.row}
          medications={reviewing.medications}
          nameOf={nameOf}
          onClose={() => setReviewing(undefined)}
          onSaved={() => {
            // The refreshed row answers its triggers: the patient leaves the queue.
            void store.refreshPatient(reviewing.row.id);
            setReviewing(undefined);
          }}
        />
      ) : null}
      {caseloadChrome ? (
        <Button size="small" sx={{ mt: 1 }} onClick={() => store.setSource(snapshot.source)}>
          Reload caseload
        </Button>
      ) : null}
    </Box>
  );
}
