/**
 * The monthly CoCM billing report (lazily loaded from the registry): pick a month; one row per
 * billed patient with treating provider, care manager, episode month, minutes and codes with
 * units; patients below threshold with their minutes; patients whose time is not billable,
 * with the reason; and the CSV for the billing office.
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
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { addMonthsToYearMonth, type BillingRow, type BillingSettings, codesLabel, isYearMonth, yearMonthLabel } from '../clinical/billing';
import { localDateOf } from '../clinical';
import { clinicTimeZone } from '../config/runtimeConfig';
import { useSession } from '../app/SessionContext';
import { downloadText } from '../shared/csv/csv';
import { ErrorNote } from '../shared/ErrorNote';
import { billingCsv } from './billingCsv';
import { useBillingReport } from './useBillingReport';

/** The CSV's code columns: the program's codes, G2214 only where the program bills it. */
function csvCodes(S: BillingSettings): string[] {
  return [S.firstMonth.code, S.laterMonth.code, S.addOn.code, ...(S.g2214.enabled ? [S.g2214.code] : [])];
}

function episodeWords(row: BillingRow): string {
  return row.episodeMonth === 'first' ? 'First' : row.episodeMonth === 'later' ? 'Later' : '-';
}

function Section({ title, rows, kind }: { title: string; rows: readonly BillingRow[]; kind: 'billed' | 'below' | 'not-billed' }) {
  return (
    <Box sx={{ mb: 3 }}>
      <Typography variant="subtitle1" component="h3">
        {title} ({rows.length})
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2">None.</Typography>
      ) : (
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>MRN</TableCell>
              <TableCell>Birth date</TableCell>
              <TableCell>Treating provider</TableCell>
              <TableCell>Care manager</TableCell>
              <TableCell>Episode month</TableCell>
              <TableCell align="right">Minutes</TableCell>
              <TableCell>{kind === 'billed' ? 'Codes' : kind === 'below' ? 'Minutes to next code' : 'Why not billed'}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.patientId}>
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.mrn ?? ''}</TableCell>
                <TableCell>{r.birthDate ?? ''}</TableCell>
                <TableCell>{r.treatingProvider?.name ?? 'Not recorded'}</TableCell>
                <TableCell>{r.careManager?.name ?? ''}</TableCell>
                <TableCell>{episodeWords(r)}</TableCell>
                <TableCell align="right">
                  {r.minutes}
                  {r.separatelyBilledMinutes > 0 ? ` (+${r.separatelyBilledMinutes} separately billed)` : ''}
                </TableCell>
                <TableCell>
                  {kind === 'billed' ? codesLabel(r.codes) : kind === 'below' ? (r.minutesToNextCode !== undefined ? `${r.minutesToNextCode} (${r.nextCode ?? ''})` : '') : r.notBilledReason}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

export interface BillingReportProps {
  /** The caseload's patients: used when the EHR refuses the registry search. */
  caseloadIds: readonly string[];
}

export default function BillingReportView({ caseloadIds }: BillingReportProps) {
  const session = useSession();
  const timeZone = clinicTimeZone(session.settings);
  const thisMonth = localDateOf(new Date(), timeZone).slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const { state, report, settings: S } = useBillingReport(session, month, caseloadIds);
  const records = state.status === 'done' ? state.value : undefined;
  // Practitioner names arrive after the records: the CSV waits for them.
  const namesPending = report?.billed.some((r) => r.treatingProvider?.name === '…' || r.careManager?.name === '…') ?? false;

  return (
    <Box component="section" aria-labelledby="billing-heading">
      <Typography id="billing-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
        CoCM billing: {yearMonthLabel(month)}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <TextField label="Month" type="month" value={month} onChange={(e) => isYearMonth(e.target.value) && setMonth(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: thisMonth } }} size="small" />
        <Button size="small" onClick={() => setMonth(addMonthsToYearMonth(thisMonth, -1))}>
          Last month
        </Button>
        <Button
          variant="outlined"
          disabled={!report || report.billed.length === 0 || namesPending}
          onClick={() => report && downloadText(billingCsv(report, csvCodes(S)), `cocm-billing-${month}.csv`)}
        >
          Export billing CSV
        </Button>
      </Stack>
      <Typography variant="body2" sx={{ mb: 2 }}>
        Calendar month in {timeZone}. 99492 first month of the episode from {S.firstMonth.minMinutes} min; 99493 later months from {S.laterMonth.minMinutes} min; 99494 per further {S.addOn.blockMinutes} min by the midpoint rule
        {S.g2214.enabled ? `; G2214 from ${S.g2214.minMinutes} min` : ''}. Separately billed time is not counted{S.countAttemptMinutes ? '' : ', nor are no-shows and attempts'}.
        {month === thisMonth ? ' This month is not over yet.' : ''}
      </Typography>
      {state.status === 'loading' ? <LinearProgress aria-label="Loading billing" sx={{ mb: 2 }} /> : null}
      {state.status === 'failed' ? <ErrorNote error={state.error} title="The billing records could not be read" /> : null}
      {records && records.failures.length > 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          The report may be incomplete: {records.failures.join(' ')}
        </Alert>
      ) : null}
      {report && records ? (
        <>
          <Typography variant="caption" component="p" sx={{ mb: 1 }}>
            From {records.source}: {records.patients.length} patients.
          </Typography>
          <Section title="Billed" rows={report.billed} kind="billed" />
          <Section title="Below threshold" rows={report.belowThreshold} kind="below" />
          <Section title="Not billed" rows={report.notBilled} kind="not-billed" />
        </>
      ) : null}
    </Box>
  );
}
