/** The weekly psychiatric case review: a ranked table with a heading, one action per patient. */
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { type CaseloadRow, rankReviewQueue, REVIEW_REASON_LABEL } from '../../clinical/caseload';
import type { Limiter } from '../../fhir/reads/caseloadBatch';
import { useSession } from '../../app/SessionContext';
import { medicationLine, type QueueMedications } from './queueMedications';
import { useQueueMedications } from './useQueueMedications';

export interface ReviewQueueProps {
  rows: readonly CaseloadRow[];
  today: string;
  onOpen: (patientId: string) => void;
  /** Opens the record dialog with what the queue read for that patient. */
  onRecord: (row: CaseloadRow, medications: QueueMedications | undefined) => void;
  nameOf?: (reference: string | undefined) => string;
  /** False: the queue is read-only (only the psychiatric consultant records reviews). */
  mayRecord?: boolean;
  /** For reading the queue's current psychotropics (through the caseload's limiter). */
  limit: Limiter;
  now?: () => Date;
}

const systemNow = () => new Date();

function change(row: CaseloadRow): string {
  const p = row.phq9;
  if (p.latest === undefined) return 'No PHQ-9';
  return `${p.baseline ?? '?'} → ${p.latest}${p.changePercent !== undefined ? ` (${p.changePercent > 0 ? '+' : ''}${p.changePercent}%)` : ''}`;
}

export function ReviewQueue({ rows, today, onOpen, onRecord, limit, now = systemNow, nameOf = (r) => r ?? '', mayRecord = true }: ReviewQueueProps) {
  const session = useSession();
  const queue = useMemo(() => rankReviewQueue(rows, { today }), [rows, today]);
  const medications = useQueueMedications(
    session,
    limit,
    useMemo(() => queue.map((e) => e.row.id), [queue]),
    now,
  );
  const unranked = rows.filter((r) => r.load === 'failed').length;
  return (
    <Paper component="section" aria-labelledby="review-queue-heading" variant="outlined" sx={{ p: 2 }}>
      <Typography id="review-queue-heading" component="h2" variant="h6">
        Psychiatric case review
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Safety findings first, then patients new to the program (first 4 weeks) not yet reviewed, then patients not improving at 10 weeks or more without a review in the last 4
        weeks, then patients flagged for discussion. A review takes the patient off the list until something new happens.
        {unranked ? ` ${unranked} patient${unranked === 1 ? '' : 's'} could not be loaded and are not ranked.` : ''}
      </Typography>
      {queue.length === 0 ? (
        <Typography>No patient needs a review now.</Typography>
      ) : (
        <Table size="small" aria-labelledby="review-queue-heading">
          <TableHead>
            <TableRow>
              <TableCell scope="col">#</TableCell>
              <TableCell scope="col">Patient</TableCell>
              <TableCell scope="col">Why</TableCell>
              <TableCell scope="col">Weeks</TableCell>
              <TableCell scope="col">PHQ-9</TableCell>
              <TableCell scope="col">Last review</TableCell>
              {mayRecord ? <TableCell scope="col">Action</TableCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {queue.map((entry, i) => (
              <TableRow key={entry.row.id} data-testid="review-queue-row">
                <TableCell>{i + 1}</TableCell>
                <TableCell>
                  <Button size="small" onClick={() => onOpen(entry.row.id)} sx={{ textTransform: 'none', p: 0, minWidth: 0 }}>
                    {entry.row.name}
                  </Button>
                  {entry.row.mrn ? (
                    <Typography variant="caption" sx={{ display: 'block' }}>
                      MRN {entry.row.mrn}
                    </Typography>
                  ) : null}
                  <Typography variant="caption" sx={{ display: 'block' }} data-testid="review-queue-medications">
                    {medicationLine(medications.get(entry.row.id))}
                  </Typography>
                </TableCell>
                <TableCell>{entry.reasons.map((r) => REVIEW_REASON_LABEL[r]).join('; ')}</TableCell>
                <TableCell>{entry.row.weeksInTreatment ?? ''}</TableCell>
                <TableCell>{change(entry.row)}</TableCell>
                <TableCell sx={{ maxWidth: 280 }}>
                  {entry.row.lastReviewDate ?? 'None'}
                  {entry.row.lastRecommendation ? (
                    <Typography variant="caption" sx={{ display: 'block', whiteSpace: 'pre-wrap' }} data-testid="review-queue-last-recommendation">
                      {entry.row.lastReviewer ? `${nameOf(entry.row.lastReviewer)}: ` : ''}
                      {entry.row.lastRecommendation}
                    </Typography>
                  ) : null}
                </TableCell>
                {mayRecord ? (
                  <TableCell>
                    <Button
                      size="small"
                      variant="outlined"
                      sx={{ whiteSpace: 'nowrap' }}
                      onClick={() => onRecord(entry.row, medications.get(entry.row.id))}
                      aria-label={`Record review for ${entry.row.name}`}
                    >
                      Record review
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
