/**
 * The registry's quality measures: CMS159 and CMS2 as CMS publishes them, over the patients
 * of the registry (the caseload's source), for a measurement period. One row per measure
 * (numerator, denominator after exclusions and exceptions, rate), a drill-down with the
 * populations and, per patient, where the patient landed and why, and what the EHR would not
 * give with what that does to the result. Lazily loaded; the engine runs in a Web Worker.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { IsoDateField } from '../../../shared/IsoDateField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { FhirApi } from '../../../fhir/fhirApi';
import type { PatientResult } from '../engine';
import { MEASURE_IDS, MEASURES, type MeasureId, type MeasurementPeriod } from '../measures';
import { landingOf, performanceDenominator, type Landing, type MeasureSummary } from '../summary';
import { consequenceOf } from './notAvailable';
import { useQualityMeasures } from './useQualityMeasures';

const LANDING_WORDS: Record<Landing, string> = {
  numerator: 'Numerator (counts as met)',
  'denominator-exclusion': 'Excluded',
  'denominator-exception': 'Exception',
  denominator: 'Denominator, not met',
  'initial-population': 'Initial population only',
  none: 'Not in the measure',
};

function rateText(summary: MeasureSummary | undefined): string {
  if (!summary) return '…';
  return summary.rate === null ? 'No one in the denominator' : `${Math.round(summary.rate * 1000) / 10}%`;
}

/**
 * The engine's statement results in words: what held for the patient; and, only for a patient
 * in the denominator who did not meet the measure, what did not hold (where the gap is).
 */
function whyText(result: PatientResult): string {
  if (result.error) return `Could not be evaluated: ${result.error}`;
  const met = result.statements.filter((s) => s.met).map((s) => s.name);
  const notMet = landingOf(result.populations) === 'denominator' ? result.statements.filter((s) => !s.met).map((s) => s.name) : [];
  return [met.length ? `Met: ${met.join('; ')}.` : '', notMet.length ? `Not met: ${notMet.join('; ')}.` : ''].filter(Boolean).join(' ') || 'Nothing in the record bore on this measure.';
}

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

function Details({ measure, summary, results, names }: { measure: MeasureId; summary: MeasureSummary; results: readonly PatientResult[]; names: Map<string, string> }) {
  const inMeasure = results.filter((r) => landingOf(r.populations) !== 'none' || r.error);
  return (
    <Box sx={{ my: 2 }}>
      <Typography variant="subtitle1" component="h3">
        {MEASURES[measure].title}: details
      </Typography>
      <Table size="small" aria-label={`${measure} populations`} sx={{ maxWidth: 520, mb: 2 }}>
        <TableBody>
          <TableRow>
            <TableCell component="th">Initial population</TableCell>
            <TableCell align="right">{summary.initialPopulation}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">Denominator</TableCell>
            <TableCell align="right">{summary.denominator}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">Exclusions</TableCell>
            <TableCell align="right">{summary.denominatorExclusion}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">Exceptions</TableCell>
            <TableCell align="right">{summary.denominatorException}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">Numerator</TableCell>
            <TableCell align="right">{summary.numerator}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {inMeasure.length === 0 ? (
        <Typography variant="body2">No patient of the registry is in this measure for the period.</Typography>
      ) : (
        <Table size="small" aria-label={`${measure} patients`}>
          <TableHead>
            <TableRow>
              <TableCell>Patient</TableCell>
              <TableCell>Population</TableCell>
              <TableCell>Why</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {inMeasure.map((r) => (
              <TableRow key={r.patientId}>
                <TableCell>{names.get(r.patientId) ?? 'Patient'}</TableCell>
                <TableCell>{r.error ? 'Not evaluated' : LANDING_WORDS[landingOf(r.populations)]}</TableCell>
                <TableCell>{whyText(r)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

export interface QualityMeasuresPanelProps {
  api: FhirApi;
  /** The registry's patients (the caseload source's). */
  patientIds: readonly string[];
  /** The patient list is still being found or read: wait before counting. */
  loadingPatients: boolean;
  /** Today in the clinic's zone (yyyy-MM-dd): the default period is its calendar year. */
  today: string;
}

export default function QualityMeasuresPanel({ api, patientIds, loadingPatients, today }: QualityMeasuresPanelProps) {
  const year = today.slice(0, 4);
  const [start, setStart] = useState(`${year}-01-01`);
  const [end, setEnd] = useState(`${year}-12-31`);
  const valid = isDate(start) && isDate(end) && start <= end;
  const period = useMemo<MeasurementPeriod | undefined>(() => (valid && !loadingPatients ? { start, end } : undefined), [valid, loadingPatients, start, end]);
  const run = useQualityMeasures(api, patientIds, period);
  const [open, setOpen] = useState<MeasureId | undefined>();

  return (
    <Box>
      <Typography variant="subtitle1" component="h2" sx={{ mt: 1 }}>
        Quality measures
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        CMS eCQMs calculated from CMS&apos;s published logic over the registry&apos;s patients, as the EHR holds their records.
      </Typography>
      <Stack direction="row" spacing={2} sx={{ my: 1 }} component="form" aria-label="Measurement period" onSubmit={(e) => e.preventDefault()}>
        {/* yyyy-MM-dd like every date in the app (the browser's date input follows its locale). */}
        <IsoDateField size="small" label="Period start" value={start} onChange={setStart} error={!valid} />
        <IsoDateField size="small" label="Period end" value={end} onChange={setEnd} error={!valid} />
      </Stack>
      {!valid ? <Alert severity="warning">Enter a period start and end as dates, the start on or before the end.</Alert> : null}
      {loadingPatients ? <Typography variant="body2">Waiting for the registry&apos;s patient list…</Typography> : null}
      {valid && !loadingPatients && run.status === 'running' ? (
        <Box aria-live="polite">
          <LinearProgress aria-label="Calculating quality measures" variant="determinate" value={run.total ? (100 * run.done) / run.total : 0} />
          <Typography variant="caption">
            Calculated {run.done} of {run.total} patients…
          </Typography>
        </Box>
      ) : null}
      {run.status === 'failed' ? <Alert severity="error">The quality measures could not be calculated: {run.message} Reload the page to try again.</Alert> : null}
      <Table size="small" aria-label="Quality measures" sx={{ maxWidth: 900 }}>
        <TableHead>
          <TableRow>
            <TableCell>Measure</TableCell>
            <TableCell align="right">Numerator</TableCell>
            <TableCell align="right">Denominator</TableCell>
            <TableCell align="right">Rate</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {MEASURE_IDS.map((id) => {
            const summary = run.summaries?.[id];
            return (
              <TableRow key={id}>
                <TableCell component="th" scope="row">
                  {MEASURES[id].title}
                </TableCell>
                <TableCell align="right">{summary ? summary.numerator : '…'}</TableCell>
                <TableCell align="right">{summary ? performanceDenominator(summary) : '…'}</TableCell>
                <TableCell align="right">{rateText(summary)}</TableCell>
                <TableCell>
                  <Button size="small" disabled={!summary} aria-expanded={open === id} onClick={() => setOpen(open === id ? undefined : id)} aria-label={`${open === id ? 'Hide details' : 'Details'} of ${id}`}>
                    {open === id ? 'Hide details' : 'Details'}
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="caption">Denominator: after exclusions and exceptions.</Typography>
      {open && run.summaries ? <Details measure={open} summary={run.summaries[open]} results={run.results[open]} names={run.names} /> : null}
      {run.unavailable.length > 0 ? (
        <Alert severity="warning" sx={{ my: 2 }}>
          <Typography variant="body2" component="p">
            Not available from this EHR, so the measures may undercount:
          </Typography>
          <ul>
            {run.unavailable.map((u) => (
              <li key={u.resourceType}>
                {u.resourceType}: not available ({u.reason}) {consequenceOf(u.resourceType)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </Box>
  );
}
