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
import {
  addMonthsToYearMonth,
  billingTotals,
  type BillingReport,
  type BillingRow,
  type BillingSettings,
  codesLabel,
  hasMinutes,
  isYearMonth,
  yearMonthLabel,
} from '../clinical/billing';
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
                  {kind === 'billed'
                    ? codesLabel(r.codes)
                    : kind === 'below'
                      ? r.minutesToNextCode !== undefined
                        ? `${r.minutesToNextCode} (${r.nextCode ?? ''})`
                        : ''
                      : r.notBilledReason}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/** Units per code and minutes per care manager: what the biller checks before sending. */
function Totals({ report }: { report: BillingReport }) {
  const totals = billingTotals(report);
  if (totals.byCode.length === 0 && totals.byCareManager.length === 0) return null;
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ mb: 3 }}>
      <Table size="small" aria-label="Totals by code" sx={{ maxWidth: 360 }}>
        <TableHead>
          <TableRow>
            <TableCell>Code</TableCell>
            <TableCell align="right">Units</TableCell>
            <TableCell align="right">Patients</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {totals.byCode.map((t) => (
            <TableRow key={t.code}>
              <TableCell>{t.code}</TableCell>
              <TableCell align="right">{t.units}</TableCell>
              <TableCell align="right">{t.patients}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Table size="small" aria-label="Totals by care manager" sx={{ maxWidth: 520 }}>
        <TableHead>
          <TableRow>
            <TableCell>Care manager</TableCell>
            <TableCell align="right">Patients with minutes</TableCell>
            <TableCell align="right">Billed patients</TableCell>
            <TableCell align="right">Minutes</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {totals.byCareManager.map((t) => (
            <TableRow key={t.name}>
              <TableCell>{t.name}</TableCell>
              <TableCell align="right">{t.patients}</TableCell>
              <TableCell align="right">{t.billedPatients}</TableCell>
              <TableCell align="right">{t.minutes}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}

/** How far back the report looks for the latest month with minutes when it opens. */
const LOOK_BACK_MONTHS = 12;

export interface BillingReportProps {
  /** The caseload's patients: used when the EHR refuses the registry search. */
  caseloadIds: readonly string[];
}

export default function BillingReportView({ caseloadIds }: BillingReportProps) {
  const session = useSession();
  const timeZone = clinicTimeZone(session.settings);
  const thisMonth = localDateOf(new Date(), timeZone).slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  // On opening, the report steps back to the latest month with minutes (an empty current
  // month is no use to a biller); once the user picks a month, it stays there.
  const [autoBack, setAutoBack] = useState(0);
  const { state, report, settings: S } = useBillingReport(session, month, caseloadIds);
  const [examined, setExamined] = useState<string | undefined>();
  if (autoBack >= 0 && state.status === 'done' && report && examined !== month) {
    setExamined(month);
    if (hasMinutes(report) || autoBack >= LOOK_BACK_MONTHS) setAutoBack(-1);
    else {
      setAutoBack(autoBack + 1);
      setMonth(addMonthsToYearMonth(month, -1));
    }
  }
  const pick = (m: string) => {
    setAutoBack(-1);
    setMonth(m);
  };
  const records = state.status === 'done' ? state.value : undefined;
  // Practitioner names arrive after the records: the CSV waits for them.
  const namesPending = report?.billed.some((r) => r.treatingProvider?.name === '…' || r.careManager?.name === '…') ?? false;

  return (
    <Box component="section" aria-labelledby="billing-heading">
      <Typography id="billing-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
        CoCM billing: {yearMonthLabel(month)}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <TextField
          label="Month"
          type="month"
          value={month}
          onChange={(e) => isYearMonth(e.target.value) && pick(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: thisMonth } }}
          size="small"
        />
        <Button size="small" onClick={() => pick(addMonthsToYearMonth(thisMonth, -1))}>
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
      <Box component="ul" sx={{ mt: 0, mb: 2, pl: 3, typography: 'body2' }} aria-label="How codes are assigned">
        <li>
          {S.firstMonth.code}: the first calendar month of the patient&apos;s episode, {S.firstMonth.minMinutes} minutes or more (covers up to {S.firstMonth.coveredMinutes}).
        </li>
        <li>
          {S.laterMonth.code}: each later month, {S.laterMonth.minMinutes} minutes or more (covers up to {S.laterMonth.coveredMinutes}).
        </li>
        <li>
          {S.addOn.code}: one more unit for each further {S.addOn.blockMinutes} minutes, counted once at least {S.addOn.midpointMinutes} of them are used.
        </li>
        {S.g2214.enabled ? (
          <li>
            {S.g2214.code}: {S.g2214.minMinutes} minutes or more when below the first code&apos;s minimum.
          </li>
        ) : null}
        <li>
          Months are calendar months in {timeZone}. Time billed separately (for example psychotherapy) is not counted
          {S.countAttemptMinutes ? '' : ', nor are no-shows and attempts'}.{month === thisMonth ? ' This month is not over yet.' : ''}
        </li>
      </Box>
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
          <Totals report={report} />
          <Section title="Billed" rows={report.billed} kind="billed" />
          <Section title="Below threshold" rows={report.belowThreshold} kind="below" />
          <Section title="Not billed" rows={report.notBilled} kind="not-billed" />
        </>
      ) : null}
    </Box>
  );
}
