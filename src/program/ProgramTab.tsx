/**
 * The registry home's Program tab: CoCM program measures for a period and a population, with
 * the patients behind every figure, strata, the month-by-month trend, care-gap work lists,
 * CSV and FHIR MeasureReport downloads (docs/program-measures.md).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputLabel from '@mui/material/InputLabel';
import LinearProgress from '@mui/material/LinearProgress';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { memo, useDeferredValue, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { localDateOf } from '../clinical';
import { resolveRegistrySettings } from '../clinical/enrollment/settings';
import {
  checkPeriod,
  combineFacts,
  defaultPeriod,
  NOT_RECORDED,
  resolveProgramMeasureSettings,
  STRATIFY_LABEL,
  subjectListReport,
  summaryReport,
  trendMonths,
  type Period,
  type StratifyBy,
} from '../clinical/program';
import { usePractitionerNames } from '../caseload/data/usePractitionerNames';
import { clinicTimeZone } from '../config/runtimeConfig';
import { ListsProblem } from '../caseload/ListsProblem';
import { RETRY_LISTS, usePatientLists } from '../caseload/data/usePatientLists';
import { useSession } from '../app/SessionContext';
import { CareGapLists } from './CareGapLists';
import { downloadJson, downloadTable } from './csv';
import { DrillDownDialog } from './DrillDownDialog';
import { MeasuresTable } from './MeasuresTable';
import { programStoreFor, type PopulationSource } from './programStore';
import { measuresTable } from './programTables';
import { programComputerFor } from './programCompute';
import { gapsOfCareManager, rowsOf, strataRows, trendOf, type TableRow } from './programView';
import { useProgramEcqm } from './useProgramEcqm';
import { StrataTable } from './StrataTable';
import { TrendSection } from './TrendSection';
import { useOrganizationNames } from './useOrganizationNames';

/**
 * The trend and the work lists (hundreds of rows) are rendered from deferred props: the
 * store's updates render the tab synchronously, and these two re-render in React's
 * interruptible background pass instead, so their rows never make one long task. Until that
 * pass has rendered the new figures they say "Calculating…", never an empty list.
 */
const ShownTrend = memo(TrendSection);
const ShownGapLists = memo(CareGapLists);

const PROGRAM = 'program';
const CM = 'cm:';
const DIMENSIONS = Object.keys(STRATIFY_LABEL) as StratifyBy[];

/** Visits are read for the period and the 12 trend months before its end. */
function visitRange(period: Period): Period {
  const first = trendMonths(period)[0]?.start ?? period.start;
  return { start: first < period.start ? first : period.start, end: period.end };
}

export default function ProgramTab({ onOpenPatient }: { onOpenPatient: (id: string) => void }) {
  const session = useSession();
  const timeZone = clinicTimeZone(session.settings);
  const today = localDateOf(new Date(), timeZone);
  const initial = useMemo(() => defaultPeriod(today), [today]);
  const [store] = useState(() => programStoreFor(session, visitRange(initial)));
  const kept = store.ui;
  const [startText, setStartText] = useState(kept?.startText ?? initial.start);
  const [endText, setEndText] = useState(kept?.endText ?? initial.end);
  const checked = useMemo(() => checkPeriod(startText, endText), [startText, endText]);
  const [period, setPeriod] = useState<Period>(() => {
    const k = checkPeriod(startText, endText);
    return 'period' in k ? k.period : initial;
  });
  // What was typed stays in the fields; the table follows only a period that can be used.
  const typed = (start: string, end: string) => {
    setStartText(start);
    setEndText(end);
    const next = checkPeriod(start, end);
    if ('period' in next) setPeriod(next.period);
  };

  useEffect(() => store.start(), [store]);
  useEffect(() => store.ensureVisits(visitRange(period)), [store, period]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);

  const [population, setPopulation] = useState(kept?.population ?? PROGRAM);
  const { lists, problem: listsProblem, retry: retryLists } = usePatientLists();
  const choosePopulation = (value: string) => {
    if (value === RETRY_LISTS) return retryLists();
    setPopulation(value);
    const source: PopulationSource = value === PROGRAM || value.startsWith(CM) ? { kind: 'program' } : { kind: 'list', reference: value };
    const current = store.population;
    if (source.kind !== current.kind || (source.kind === 'list' && current.kind === 'list' && source.reference !== current.reference)) store.setSource(source);
  };
  const careManager = population.startsWith(CM) ? population.slice(CM.length) : undefined;

  const [stratifyBy, setStratifyBy] = useState<StratifyBy | ''>((kept?.stratifyBy ?? '') as StratifyBy | '');
  const settings = useMemo(() => resolveProgramMeasureSettings(session.settings.program.measures), [session]);
  const [suppress, setSuppress] = useState(kept?.suppress ?? false);
  useEffect(() => {
    store.keepUi({ startText, endText, population, stratifyBy, suppress });
  }, [store, startText, endText, population, stratifyBy, suppress]);
  const threshold = suppress ? settings.sharedSmallCellThreshold : settings.smallCellThreshold;
  const cadence = resolveRegistrySettings(session.settings.program.registry).activeCadenceDays;

  const patients = snapshot.patients;
  const total = snapshot.total;
  const reading =
    snapshot.status === 'finding' ||
    (snapshot.status === 'loading' && total !== undefined && snapshot.loaded < total) ||
    (snapshot.status === 'done' && snapshot.loaded < snapshot.patients.length);
  // The figures are computed in slices off the render (programCompute.ts), each group's once:
  // the table follows the batches, the trend and the work lists come once everyone is read.
  const computer = programComputerFor(store);
  useEffect(
    () => computer.request({ patients, period, today, cadenceDays: cadence, settings, complete: !reading }),
    [computer, patients, period, today, cadence, settings, reading],
  );
  useEffect(() => () => computer.dispose(), [computer]);
  const figures = useSyncExternalStore(computer.subscribe, computer.getSnapshot);
  const current =
    figures !== undefined &&
    figures.request.patients === patients &&
    figures.request.period.start === period.start &&
    figures.request.period.end === period.end &&
    figures.request.today === today;
  // The bar stays until the table shows this population and period; the trend and work lists may follow.
  const loading = reading || !current;
  const later = !current || figures.months === undefined;
  const byId = useMemo(() => new Map(patients.map((p) => [p.id, p])), [patients]);
  const computed = useMemo(() => figures?.results ?? combineFacts([], period), [figures, period]);
  const rows = useMemo(() => rowsOf(computed, threshold, careManager), [computed, threshold, careManager]);
  const months = useMemo(
    () => (figures?.months ? trendOf(trendMonths(figures.request.period), figures.months, threshold, careManager) : { months: [], series: [] }),
    [figures, threshold, careManager],
  );
  const gaps = useMemo(() => gapsOfCareManager(figures?.gaps ?? [], careManager), [figures, careManager]);
  const strata = useMemo(() => (stratifyBy ? strataRows(rows, stratifyBy, byId, period.end, threshold) : []), [rows, stratifyBy, byId, period.end, threshold]);

  const careManagers = useMemo(() => [...new Set(patients.flatMap((p) => p.episodes.map((e) => e.careManager)).filter((r): r is string => r !== undefined))].sort(), [patients]);
  const people = useMemo(() => [...careManagers, ...patients.flatMap((p) => [...p.episodes.map((e) => e.pcp), p.demographics.generalPractitioner])], [careManagers, patients]);
  const nameOf = usePractitionerNames(session, people);
  const orgName = useOrganizationNames(
    session,
    useMemo(() => patients.map((p) => p.demographics.clinic).filter((r): r is string => r !== undefined), [patients]),
  );
  const label = (by: StratifyBy, value: string) =>
    value === NOT_RECORDED ? value : by === 'careManager' || by === 'pcp' ? nameOf(value) : by === 'clinic' ? orgName(value) : value;

  // The eCQM rows fill in once their worker has run over the population (never before the rest of the tab).
  const ecqm = useProgramEcqm(session, store, snapshot, period, today, threshold, careManager);
  const trendShown = useDeferredValue(months);
  const gapsShown = useDeferredValue(
    useMemo(() => ({ gaps, measureGaps: ecqm.gaps, today, patients: byId, nameOf, onOpenPatient }), [gaps, ecqm.gaps, today, byId, nameOf, onOpenPatient]),
  );
  const tableRows = useMemo<TableRow[]>(() => [...rows, ...ecqm.rows], [rows, ecqm.rows]);
  const [open, setOpen] = useState<TableRow | undefined>();
  const couldNotRead = patients.filter((p) => p.recordsProblem !== undefined).length;
  const visitsUnread = patients.filter((p) => p.recordsProblem === undefined && p.encountersProblem !== undefined && p.encountersProblem !== 'visits not read yet').length;

  const reportOptions = () => ({ period, generated: new Date().toISOString(), threshold, patients: byId, label, dimensions: DIMENSIONS });
  const results = rows.map((r) => r.result);
  const table = measuresTable(tableRows);
  const fileStem = `program-measures-${period.start}-to-${period.end}`;

  return (
    <Box>
      <Box component="form" onSubmit={(e) => e.preventDefault()} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start', my: 1 }}>
        <TextField
          size="small"
          label="Period start"
          value={startText}
          onChange={(e) => typed(e.target.value, endText)}
          placeholder="yyyy-MM-dd"
          sx={{ width: 136 }}
          error={'problem' in checked && checked.problem.startsWith('Period start')}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
        <TextField
          size="small"
          label="Period end"
          value={endText}
          onChange={(e) => typed(startText, e.target.value)}
          placeholder="yyyy-MM-dd"
          sx={{ width: 136 }}
          error={'problem' in checked && !checked.problem.startsWith('Period start')}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
        <FormControl size="small" sx={{ minWidth: 200 }}>
          <InputLabel id="program-population">Population</InputLabel>
          <Select labelId="program-population" label="Population" value={population} onChange={(e) => choosePopulation(e.target.value)}>
            <MenuItem value={PROGRAM}>Whole program</MenuItem>
            {careManagers.length ? <ListSubheader>Care manager&apos;s caseload</ListSubheader> : null}
            {careManagers.map((ref) => (
              <MenuItem key={ref} value={`${CM}${ref}`}>
                {nameOf(ref)}
              </MenuItem>
            ))}
            {lists.length ? <ListSubheader>Patient lists in the EHR</ListSubheader> : null}
            {lists.map((l) => (
              <MenuItem key={l.reference} value={l.reference}>
                {l.title}
              </MenuItem>
            ))}
            {listsProblem ? <ListsProblem problem={listsProblem} /> : null}
            {listsProblem ? <MenuItem value={RETRY_LISTS}>Read the EHR&apos;s patient lists again</MenuItem> : null}
          </Select>
        </FormControl>
        <FormControl size="small" sx={{ minWidth: 150 }}>
          <InputLabel id="program-stratify" shrink>
            Stratify by
          </InputLabel>
          <Select labelId="program-stratify" label="Stratify by" notched displayEmpty value={stratifyBy} onChange={(e) => setStratifyBy(e.target.value)}>
            <MenuItem value="">Nothing</MenuItem>
            {DIMENSIONS.map((d) => (
              <MenuItem key={d} value={d}>
                {STRATIFY_LABEL[d]}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControlLabel
          control={<Switch checked={suppress} onChange={(e) => setSuppress(e.target.checked)} />}
          label={`Suppress cells under ${settings.sharedSmallCellThreshold}`}
        />
      </Box>
      {'problem' in checked ? (
        <Alert severity="error" sx={{ mb: 1 }}>
          {checked.problem} The table shows {period.start} to {period.end} until then.
        </Alert>
      ) : null}
      <Box aria-live="polite">
        {snapshot.status === 'refused' ? (
          <Alert severity="warning">The program&apos;s patients could not be read ({snapshot.problem}). Choose a patient list under Population.</Alert>
        ) : null}
        {loading ? (
          <>
            <LinearProgress aria-label="Loading program measures" variant={total ? 'determinate' : 'indeterminate'} value={total ? (100 * snapshot.loaded) / total : 0} />
            <Typography variant="caption">
              {total === undefined ? 'Finding the program’s patients…' : reading ? `Read ${snapshot.loaded} of ${total} patients…` : 'Putting the figures together…'}
            </Typography>
          </>
        ) : null}
        {snapshot.truncated ? <Alert severity="info">The EHR listed more patients than the app reads at once; some are not counted.</Alert> : null}
        {couldNotRead > 0 ? (
          <Alert severity="warning" action={<Button onClick={() => store.setSource(store.population)}>Read again</Button>}>
            {couldNotRead} patient{couldNotRead === 1 ? '' : 's'} could not be read and {couldNotRead === 1 ? 'is' : 'are'} not counted in any measure. Each measure&apos;s list
            names them.
          </Alert>
        ) : null}
        {visitsUnread > 0 ? <Alert severity="warning">The visits of {visitsUnread} patients could not be read: the screening rows do not count them.</Alert> : null}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 720px)', lg: 'minmax(520px, 600px) minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
        <Box>
          <MeasuresTable rows={tableRows} onOpen={setOpen} pending={(r) => ecqm.pending(r.result.id)} />
          {ecqm.status}
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}>
            <Button size="small" onClick={() => downloadTable(`${fileStem}.csv`, table.headers, table.rows)}>
              Download CSV
            </Button>
            <Button size="small" disabled={loading} onClick={() => downloadJson(`${fileStem}-summary.measurereport.json`, summaryReport(results, reportOptions()))}>
              Download MeasureReport (summary)
            </Button>
            <Button size="small" disabled={loading} onClick={() => downloadJson(`${fileStem}-subject-list.measurereport.json`, subjectListReport(results, reportOptions()))}>
              Download MeasureReport (subject list)
            </Button>
          </Box>
          {stratifyBy ? <StrataTable rows={strata} dimension={STRATIFY_LABEL[stratifyBy]} label={(v) => label(stratifyBy, v)} /> : null}
        </Box>
        <Box sx={{ minWidth: 0 }}>
          <Typography component="h2" variant="subtitle1">
            Month by month
          </Typography>
          {loading ? (
            <Typography variant="body2">Shown once every patient has been read.</Typography>
          ) : later || trendShown !== months ? (
            <Typography variant="body2">Calculating…</Typography>
          ) : (
            <ShownTrend months={trendShown.months} series={trendShown.series} />
          )}
        </Box>
      </Box>
      <Typography component="h2" variant="subtitle1" sx={{ mt: 2 }}>
        Care gaps today
      </Typography>
      {loading ? (
        <Typography variant="body2">Shown once every patient has been read.</Typography>
      ) : later || gapsShown.gaps !== gaps ? (
        <Typography variant="body2">Calculating…</Typography>
      ) : (
        <ShownGapLists {...gapsShown} />
      )}
      {open ? (
        <DrillDownDialog row={tableRows.find((r) => r.result.id === open.result.id) ?? open} patients={byId} onClose={() => setOpen(undefined)} onOpenPatient={onOpenPatient} />
      ) : null}
    </Box>
  );
}
