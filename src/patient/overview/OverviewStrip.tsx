/**
 * The first line of the patient view: phase, safety state, next contact and review due
 * (overdue marked), the latest psychiatric recommendation with its author, `Screen now`, and
 * links to the sections further down. Each fact says when it could not be read.
 */
import Box from '@mui/material/Box';
import { isOpenPhase } from '../../clinical/enrollment';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { usePatientChart } from '../chart/PatientChartProvider';
import { PatientBanner } from '../PatientBanner';
import { ScreenNow } from '../ScreenNow';

export const SECTION_IDS = {
  registry: 'section-registry',
  contacts: 'section-contacts',
  flags: 'section-flags',
  history: 'section-history',
  treatment: 'section-treatment',
  treatmentPlan: 'section-treatment-plan',
  relapsePlan: 'section-relapse-plan',
  education: 'section-education',
} as const;

function Fact({ label, children, id }: { label: string; children: ReactNode; id: string }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography id={id} variant="caption" color="text.secondary" component="div" sx={{ lineHeight: 1.2 }}>
        {label}
      </Typography>
      <Typography aria-labelledby={id} component="div" variant="body2" data-testid={id}>
        {children}
      </Typography>
    </Box>
  );
}

const UNREAD = 'Could not be read';
const unread = (fact: { known: boolean; loading?: boolean }) => (fact.known ? '' : (fact as { loading?: boolean }).loading ? 'Loading…' : UNREAD);

export function OverviewStrip() {
  const { patientId, chart, refresh, practitioners } = usePatientChart();
  if (!chart) return null;
  const { row, facts, today } = chart;
  const nameOf = (ref: string | undefined) => (ref ? ((practitioners?.known ? practitioners.value.find((p) => p.reference === ref)?.name : undefined) ?? ref) : 'unknown author');
  const safety = chart.alerts.length > 0 || chart.flags.some((f) => f.safety);
  const cadence = chart.contacts.cadence;
  // A review is due only while the patient is in treatment: a discharged patient's is not overdue.
  const inTreatment = chart.episode !== undefined && isOpenPhase(chart.episode.phase);
  const reviewOverdue = inTreatment && row.nextReviewDate !== undefined && row.nextReviewDate < today;
  return (
    <Paper component="section" aria-label="Overview" variant="outlined" sx={{ px: 1.5, py: 1, mb: 1 }}>
      {chart.banner.known ? <PatientBanner patient={chart.banner.value} inline /> : null}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 1, alignItems: 'flex-start' }}>
        <Fact label="Phase" id="overview-phase">
          {facts.enrollment.known ? `${row.phaseLabel}${row.enrolledOn ? ` since ${row.enrolledOn}` : ''}` : facts.enrollment.loading ? 'Loading…' : 'Enrollment could not be read'}
        </Fact>
        <Fact label="Safety" id="overview-safety">
          {safety ? (
            <Chip size="small" color="error" label="Safety finding: see the alert" />
          ) : facts.scores.known && facts.flags.known ? (
            'No current safety finding'
          ) : facts.scores.known || !facts.scores.loading ? (
            'Not all records could be checked'
          ) : (
            'Loading older scores…'
          )}
        </Fact>
        <Fact label="Next contact due" id="overview-next-contact">
          {!facts.contacts.known ? unread(facts.contacts) : (cadence.nextDue ?? (chart.episode ? 'None due' : 'Not in an episode'))}
          {facts.contacts.known && cadence.overdue ? <Chip size="small" color="error" label={`Overdue ${cadence.daysOverdue} d`} sx={{ ml: 1 }} /> : null}
        </Fact>
        <Fact label="Review due" id="overview-review-due">
          {!facts.review.known ? unread(facts.review) : !inTreatment ? 'None (not in treatment)' : (row.nextReviewDate ?? 'None scheduled')}
          {facts.review.known && reviewOverdue ? <Chip size="small" color="error" label="Overdue" sx={{ ml: 1 }} /> : null}
          {facts.review.known && row.flaggedForReview ? <Chip size="small" color="warning" label="Flagged for review" sx={{ ml: 1 }} /> : null}
        </Fact>
        <Box sx={{ ml: 'auto' }}>
          <ScreenNow patientId={patientId} onSaved={refresh} />
        </Box>
      </Box>
      {row.lastRecommendation ? (
        <Typography variant="body2" sx={{ mt: 0.5, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={row.lastRecommendation}>
          <strong>
            Latest recommendation ({row.lastReviewDate}, {nameOf(row.lastReviewer)}):
          </strong>{' '}
          {row.lastRecommendation}
        </Typography>
      ) : null}
      <Box component="nav" aria-label="Sections of this page" sx={{ mt: 0.5, display: 'flex', flexWrap: 'wrap', columnGap: 2 }}>
        <Typography variant="caption">Further down:</Typography>
        <Link variant="caption" href={`#${SECTION_IDS.registry}`}>
          Collaborative care
        </Link>
        <Link variant="caption" href={`#${SECTION_IDS.contacts}`}>
          Contacts
        </Link>
        <Link variant="caption" href={`#${SECTION_IDS.flags}`}>
          Flags
        </Link>
        <Link variant="caption" href={`#${SECTION_IDS.history}`}>
          Score history
        </Link>
        <Link variant="caption" href={`#${SECTION_IDS.treatment}`}>
          Treatment
        </Link>
        <Link variant="caption" href={`#${SECTION_IDS.treatmentPlan}`}>
          Treatment plan
        </Link>
        <Link variant="caption" href={`#${SECTION_IDS.relapsePlan}`}>
          Relapse plan
        </Link>
        <Link variant="caption" href={`#${SECTION_IDS.education}`}>
          Education
        </Link>
      </Box>
    </Paper>
  );
}
