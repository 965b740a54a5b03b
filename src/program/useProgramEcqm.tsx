/**
 * The Program tab's eCQM rows (CMS159, CMS2) and their care gaps: the measures run over the
 * same population and period in their workers once the program's patients are read
 * (through the store's public `subscribe` and `sharedRecords`), reusing the
 * Patients and PHQ-9s the program read. The tab paints without waiting; the rows say
 * "calculating" and fill in when the run is done.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { populationFor } from '../caseload/data/population';
import type { Period } from '../clinical/program';
import { patientObservationCodes } from '../fhir/reads/caseloadBatch';
import { MEASURE_OBSERVATION_CODES } from '../fhir/reads/measureRecords';
import type { Session } from '../fhir/session';
import { measureGaps, type MeasureGap } from '../measures/ecqm/measureGaps';
import { isMeasureId } from '../measures/ecqm/measures';
import { ecqmRunFor, type EcqmRun, type EcqmSource } from '../measures/ecqm/ui/ecqmRun';
import { ecqmRows, type EcqmRow } from '../measures/ecqm/ui/ecqmRows';
import { consequenceOf } from '../measures/ecqm/ui/notAvailable';
import type { ProgramSnapshot, ProgramStore } from './programStore';

/** The measure codes the program's own Observation search already reads in full. */
const SHARED_CODES: readonly string[] = (() => {
  const read = new Set(
    patientObservationCodes()
      .split(',')
      .map((token) => token.slice(token.indexOf('|') + 1)),
  );
  return MEASURE_OBSERVATION_CODES.filter((c) => read.has(c));
})();

/** The Program tab's reads as the measures' source: a patient is ready once the store holds their records (read or failed). */
function storeSource(store: ProgramStore): EcqmSource {
  return {
    progress: () => {
      const s = store.getSnapshot();
      return {
        ids: s.patients.map((p) => p.id),
        complete: s.status === 'done',
        total: s.total,
        ...(s.status === 'refused' ? { problem: `the program’s patients could not be read (${s.problem ?? 'the EHR refused'}).` } : {}),
      };
    },
    subscribe: store.subscribe,
    shared: (id) => store.sharedRecords(id),
    sharedObservationCodes: SHARED_CODES,
  };
}

/** The run's progress, subscribed on its own: a batch done re-renders this bar, not the Program tab. */
function EcqmProgress({ run }: { run: EcqmRun }): ReactNode {
  const { done, total } = useSyncExternalStore(run.subscribe, run.getSnapshot);
  return (
    <>
      <LinearProgress aria-label="Calculating quality measures" variant={total ? 'determinate' : 'indeterminate'} value={total ? (100 * done) / total : 0} />
      <Typography variant="caption">
        {total ? `CMS159 and CMS2: calculated ${done} of ${total} patients…` : 'CMS159 and CMS2 are calculated once the program’s patients are read.'}
      </Typography>
    </>
  );
}

export interface ProgramEcqm {
  rows: readonly EcqmRow[];
  /** Undefined until the measures have been calculated. */
  gaps: readonly MeasureGap[] | undefined;
  pending: (rowId: string) => boolean;
  /** Progress, failure and "not available" notes, shown under the table. */
  status: ReactNode;
}

export function useProgramEcqm(
  session: Session,
  store: ProgramStore,
  program: ProgramSnapshot,
  period: Period,
  today: string,
  threshold: number,
  careManager: string | undefined,
): ProgramEcqm {
  const [run] = useState(() => ecqmRunFor(session));
  const snapshot = useSyncExternalStore(run.subscribe, run.getSettled);
  const ids = useMemo(() => program.patients.map((p) => p.id), [program.patients]);
  const populationKey = JSON.stringify(store.population);
  useEffect(() => {
    run.start({ api: session.api, period, populationKey, source: storeSource(store), limit: populationFor(session).limit });
  }, [run, session, store, populationKey, period]);

  const byId = useMemo(() => new Map(program.patients.map((p) => [p.id, p])), [program.patients]);
  const rows = useMemo(() => {
    const careTeamOf = (id: string) => {
      const last = byId.get(id)?.episodes.at(-1);
      return { careManager: last?.careManager, pcp: last?.pcp };
    };
    const include = careManager ? (id: string) => byId.get(id)?.episodes.some((e) => e.careManager === careManager) ?? false : undefined;
    return ecqmRows(snapshot, ids, threshold, careTeamOf, include);
  }, [snapshot, ids, threshold, byId, careManager]);
  const gaps = useMemo(() => {
    if (snapshot.status !== 'done') return undefined;
    const all = measureGaps(snapshot.results, today);
    return careManager ? all.filter((g) => byId.get(g.patientId)?.episodes.some((e) => e.careManager === careManager)) : all;
  }, [snapshot, today, careManager, byId]);

  const calculating = snapshot.status === 'running' || snapshot.status === 'idle';
  const status = (
    <Box aria-live="polite" sx={{ mb: 1 }}>
      {calculating ? <EcqmProgress run={run} /> : null}
      {snapshot.status === 'failed' ? <Alert severity="error">CMS159 and CMS2 could not be calculated: {snapshot.message} Reload the page to try again.</Alert> : null}
      {snapshot.unavailable.length > 0 ? (
        <Alert severity="warning">
          <Typography variant="body2" component="p">
            Not available from this EHR, so CMS159 and CMS2 may undercount:
          </Typography>
          <ul>
            {snapshot.unavailable.map((u) => (
              <li key={u.resourceType}>
                {u.resourceType}: not available ({u.reason}) {consequenceOf(u.resourceType)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </Box>
  );
  return { rows, gaps, pending: (id) => isMeasureId(id) && snapshot.status !== 'done', status };
}
