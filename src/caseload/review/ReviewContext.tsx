/**
 * What the consultant needs in front of them while recording a review: the scores, the current
 * psychotropics (and where they were read), the previous recommendation with its author, and
 * the safety state. Read from the caseload row the queue already has: no new reads.
 */
import Typography from '@mui/material/Typography';
import type { CaseloadRow, InstrumentColumns } from '../../clinical/caseload';
import { medicationLine, type QueueMedications } from './queueMedications';

function scoreLine(label: string, c: InstrumentColumns): string {
  if (c.latest === undefined) return `${label}: no score in this episode`;
  const change = c.changePercent !== undefined ? ` (${c.changePercent > 0 ? '+' : ''}${c.changePercent}% from baseline)` : '';
  const milestones = [c.response ? 'response' : undefined, c.remission ? 'remission' : undefined].filter(Boolean).join(', ');
  return `${label}: baseline ${c.baseline ?? 'not set'}, latest ${c.latest}${change}${milestones ? `; ${milestones}` : ''}`;
}

function Part({ heading, children }: { heading: string; children: React.ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="subtitle2" sx={{ mt: 1 }}>
        {heading}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
        {children}
      </Typography>
    </>
  );
}

export function ReviewContext({ row, medications, nameOf }: { row: CaseloadRow; medications: QueueMedications | undefined; nameOf: (reference: string | undefined) => string }) {
  const weeks = row.weeksInTreatment !== undefined ? `${row.weeksInTreatment} weeks in treatment` : 'weeks in treatment unknown';
  return (
    <dl aria-label="Before you recommend" style={{ margin: 0 }}>
      <Part heading="Scores">
        {scoreLine('PHQ-9', row.phq9)}
        {'\n'}
        {scoreLine('GAD-7', row.gad7)}
        {'\n'}
        {row.phaseLabel}, {weeks}
        {row.lastScaleDate ? `; last scale ${row.lastScaleDate}` : ''}
        {row.notImproving ? '; not improving' : ''}
      </Part>
      <Part heading="Current medications">{medicationLine(medications)}</Part>
      <Part heading="Previous recommendation">
        {row.lastRecommendation
          ? `${row.lastReviewDate ?? ''}${row.lastReviewer ? `, ${nameOf(row.lastReviewer)}` : ''}:\n${row.lastRecommendation}`
          : row.load === 'ready'
            ? 'No earlier review on record.'
            : 'Earlier reviews could not all be read.'}
      </Part>
      <Part heading="Safety">
        {row.safety
          ? `Safety finding${row.safetyDate ? ` on ${row.safetyDate}` : ''}: see the patient's chart before recommending.`
          : row.load === 'ready'
            ? 'No safety finding in the scores and flags read.'
            : 'Safety could not be checked: some records could not be read.'}
      </Part>
    </dl>
  );
}
