/**
 * The registry's `Patient reports` tab: what patients sent from home in the last 30 days,
 * needing review first, a positive item 9 on top in red (and said in words, not by colour
 * alone), the score and its change, and "Mark reviewed" as one click that is recorded in
 * the EHR. Reads through src/fhir; nothing is kept beyond the page.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { addDays } from '../clinical/enrollment/calendar';
import type { PatientReportRow } from '../clinical/patientReports';
import { safetyAnswerText } from '../clinical/records/flag';
import type { Session } from '../fhir/session';
import { type PatientReportsRead, readPatientReports } from '../fhir/reads/patientReports';
import { markReportReviewed } from '../fhir/writes/patientReportReview';

export interface PatientReportsTabProps {
  session: Session;
  patientIds: readonly string[];
  /** Still finding the caseload's patients: the list is not complete yet. */
  loadingPatients: boolean;
  nameOf: (patientId: string) => string;
  today: string;
  onOpen: (patientId: string) => void;
}

const WINDOW_DAYS = 30;

type Load = { status: 'loading' } | { status: 'failed' } | ({ status: 'ready' } & PatientReportsRead);

function changeText(change: number | undefined): string {
  if (change === undefined) return 'First score';
  return change === 0 ? 'No change' : `${change > 0 ? '+' : '−'}${Math.abs(change)}`;
}

export default function PatientReportsTab({ session, patientIds, loadingPatients, nameOf, today, onOpen }: PatientReportsTabProps) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string>();
  const idsKey = patientIds.join(',');

  const fetchReports = useCallback(
    (signal?: AbortSignal) => {
      readPatientReports(session.api, idsKey ? idsKey.split(',') : [], addDays(today, -WINDOW_DAYS), signal).then(
        (result) => setLoad({ status: 'ready', ...result }),
        () => {
          if (!signal?.aborted) setLoad({ status: 'failed' });
        },
      );
    },
    [session.api, idsKey, today],
  );
  useEffect(() => {
    if (loadingPatients) return undefined;
    const controller = new AbortController();
    fetchReports(controller.signal);
    return () => controller.abort();
  }, [fetchReports, loadingPatients]);
  const read = () => {
    setLoad({ status: 'loading' });
    fetchReports();
  };

  const markReviewed = async (row: PatientReportRow) => {
    setSaving((s) => new Set(s).add(row.report));
    setProblem(undefined);
    const outcome = await markReportReviewed(session, { patientId: row.patientId, report: row.report, ...(session.fhirUser ? { by: session.fhirUser } : {}) });
    setSaving((s) => {
      const next = new Set(s);
      next.delete(row.report);
      return next;
    });
    if (!outcome.saved) {
      setProblem(`The review of ${nameOf(row.patientId)}'s ${row.instrumentName} was not recorded: ${outcome.reason}`);
      return;
    }
    setLoad((l) =>
      l.status === 'ready'
        ? { ...l, rows: l.rows.map((r) => (r.report === row.report ? { ...r, reviewed: { report: r.report, by: session.fhirUser, when: outcome.when } } : r)) }
        : l,
    );
  };

  const rows = load.status === 'ready' ? load.rows : [];
  const unread = new Set(load.status === 'ready' ? load.unread : []);
  const waiting = rows.filter((r) => !r.reviewed && !unread.has(r.patientId));
  return (
    <Box component="section" aria-labelledby="patient-reports-title" sx={{ mt: 1 }}>
      <Typography id="patient-reports-title" component="h2" variant="h6">
        Patient reports
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Questionnaires patients sent from home in the last {WINDOW_DAYS} days. {load.status === 'ready' ? `${waiting.length} need${waiting.length === 1 ? 's' : ''} review.` : null}
      </Typography>
      {loadingPatients || load.status === 'loading' ? <LinearProgress aria-label="Loading patient reports" /> : null}
      {load.status === 'failed' ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => read()}>
              Try again
            </Button>
          }
        >
          The patients&apos; reports could not be read from the EHR, so it is not known who sent what.
        </Alert>
      ) : null}
      {unread.size > 0 ? (
        <Alert severity="warning" sx={{ mb: 1 }}>
          The records of {unread.size} {unread.size === 1 ? 'patient' : 'patients'} could not be read in full: their reports or review marks may be missing below.{' '}
          <Button color="inherit" size="small" onClick={() => read()}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {problem ? (
        <Alert severity="error" sx={{ mb: 1 }} onClose={() => setProblem(undefined)}>
          {problem}
        </Alert>
      ) : null}
      {load.status === 'ready' && rows.length === 0 && unread.size === 0 ? (
        <Typography>No patient sent a questionnaire from home in the last {WINDOW_DAYS} days.</Typography>
      ) : null}
      {rows.length > 0 ? (
        <Table size="small" aria-labelledby="patient-reports-title">
          <TableHead>
            <TableRow>
              <TableCell scope="col">Patient</TableCell>
              <TableCell scope="col">Sent</TableCell>
              <TableCell scope="col">Questionnaire</TableCell>
              <TableCell scope="col">Score</TableCell>
              <TableCell scope="col">Change</TableCell>
              <TableCell scope="col">Item 9</TableCell>
              <TableCell scope="col">Review</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => {
              const name = nameOf(row.patientId);
              const danger = row.safety && !row.reviewed;
              return (
                <TableRow key={row.report} data-testid="patient-report-row" sx={danger ? { bgcolor: '#fdecea', '& td': { color: '#7a1212', fontWeight: 600 } } : undefined}>
                  <TableCell>
                    <Link component="button" onClick={() => onOpen(row.patientId)} aria-label={`Open ${name}`}>
                      {name}
                    </Link>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.date}</TableCell>
                  <TableCell>{row.instrumentName}</TableCell>
                  <TableCell>{row.total === undefined ? 'Incomplete' : `${row.total} of ${row.maxScore}${row.severity ? ` (${row.severity})` : ''}`}</TableCell>
                  <TableCell>{changeText(row.change)}</TableCell>
                  <TableCell>
                    {row.instrument !== 'phq9' ? (
                      '—'
                    ) : row.safety ? (
                      <Chip color="error" size="small" label={`Positive: ${safetyAnswerText(row.item9 ?? 0)}`} />
                    ) : row.item9 === undefined ? (
                      'Not answered'
                    ) : (
                      'Not at all'
                    )}
                  </TableCell>
                  <TableCell>
                    {row.reviewed ? (
                      `Reviewed ${row.reviewed.when.slice(0, 10)}`
                    ) : unread.has(row.patientId) ? (
                      'Could not be read'
                    ) : (
                      <Button
                        size="small"
                        variant="outlined"
                        disabled={saving.has(row.report)}
                        onClick={() => void markReviewed(row)}
                        // The visible words lead the name (WCAG 2.5.3: speech users say what they see).
                        aria-label={`Mark reviewed: ${name}'s ${row.instrumentName} of ${row.date}`}
                      >
                        Mark reviewed
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
    </Box>
  );
}
