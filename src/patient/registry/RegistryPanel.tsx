/**
 * The patient's place in Collaborative Care, in the patient view: phase and episode, care
 * manager and PCP, the psychiatrist's latest recommendation (what the PCP acts on), and the
 * enrollment steps and "Flag for review", one click each. All from the patient chart: when
 * the enrollment could not be read the panel says so and offers no step until a retry
 * succeeds (an unread enrollment is never "Not enrolled").
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { EventKind } from '../../clinical/enrollment';
import { fhirDateTime } from '../../clinical/records/time';
import { useSession } from '../../app/SessionContext';
import { recordRecommendationSeen, requestReview } from '../../fhir/writes/registry';
import { usePatientChart } from '../chart/PatientChartProvider';
import { RetryNote } from '../chart/RetryNote';
import { UnknownNote } from '../chart/UnknownNote';
import { useRole } from '../../app/role/RoleContext';
import { EnrollmentDialog, STEP_LABEL } from './EnrollmentDialog';

function stepsFor(phase: string, everEnrolled: boolean): { kind: EventKind; label: string }[] {
  switch (phase) {
    case 'referred':
      return [
        { kind: 'enrolled', label: 'Enroll' },
        { kind: 'discharged', label: 'Discharge' },
      ];
    case 'active':
      return [
        { kind: 'relapse-prevention', label: STEP_LABEL['relapse-prevention'] },
        { kind: 'discharged', label: 'Discharge' },
      ];
    case 'relapse-prevention':
      return [
        { kind: 'active-treatment', label: STEP_LABEL['active-treatment'] },
        { kind: 'discharged', label: 'Discharge' },
      ];
    default:
      return [
        { kind: 'referred', label: 'Refer to collaborative care' },
        { kind: 'enrolled', label: everEnrolled ? 'Re-enroll' : 'Enroll' },
      ];
  }
}

export function RegistryPanel({ onEnrolled }: { onEnrolled?: (patientId: string) => void }) {
  const session = useSession();
  const { patientId, chart, refresh, loading, practitioners } = usePatientChart();
  const [step, setStep] = useState<{ kind: EventKind; label: string } | undefined>();
  const [flagging, setFlagging] = useState(false);
  const [marking, setMarking] = useState(false);
  const { may } = useRole();
  const [problem, setProblem] = useState<string | undefined>();
  const names = useMemo(() => new Map(practitioners?.known ? practitioners.value.map((p) => [p.reference, p.name]) : []), [practitioners]);
  if (!chart) return null;
  const { row, facts } = chart;
  const heading = (
    <Typography id="registry-heading" component="h2" variant="h6">
      Collaborative care
    </Typography>
  );
  if (!facts.enrollment.known) {
    return (
      <Paper component="section" aria-labelledby="registry-heading" variant="outlined" sx={{ p: 2, mb: 2 }}>
        {heading}
        <UnknownNote
          fact={facts.enrollment}
          title="Enrollment could not be read from the EHR."
          after="Enrollment steps wait until it can be read."
          loadingTitle="Reading the enrollment: older records are still loading from the EHR…"
        />
      </Paper>
    );
  }
  const name = (ref: string | undefined) => (ref ? (names.get(ref) ?? ref) : 'not set');
  const open = row.phase === 'referred' || row.phase === 'active' || row.phase === 'relapse-prevention';
  // Enrollment steps also update the registry Flag: they wait for the flags as well.
  const stepsBlocked = !facts.flags.known ? `Enrollment steps wait until the flags can be read. ${facts.flags.reason}` : undefined;
  const reviewBlocked = !facts.review.known ? `Flag for review waits until the review status can be read: ${facts.review.reason}` : undefined;

  async function flagForReview() {
    setFlagging(true);
    setProblem(undefined);
    const now = new Date();
    const outcomes = await requestReview(
      session,
      { actionId: crypto.randomUUID(), patientId, when: fhirDateTime(now, -now.getTimezoneOffset()), ...(session.fhirUser ? { author: session.fhirUser } : {}) },
      chart?.rawFlags ?? [],
    ).catch(() => [{ label: 'review request flag', saved: false as const, reason: 'the EHR did not answer' }]);
    const failed = outcomes.find((o) => !o.saved);
    if (failed && !failed.saved) setProblem(`Not flagged for review: ${failed.reason}`);
    setFlagging(false);
    refresh();
  }

  async function markSeen() {
    if (!row.lastReviewReference) return;
    setMarking(true);
    setProblem(undefined);
    const now = new Date();
    const outcome = await recordRecommendationSeen(session, {
      actionId: crypto.randomUUID(),
      patientId,
      review: row.lastReviewReference,
      ...(session.fhirUser ? { by: session.fhirUser } : {}),
      when: fhirDateTime(now, -now.getTimezoneOffset()),
      now,
    }).catch(() => ({ label: '"recommendation seen" record', saved: false as const, reason: 'the EHR did not answer' }));
    if (!outcome.saved) setProblem(`Not marked as seen: ${outcome.reason}`);
    setMarking(false);
    refresh();
  }
  // The reviewer does not mark their own recommendation seen: the mark is for the PCP.
  const mayMarkSeen = row.recommendationNew && row.lastReviewer !== session.fhirUser && may('mark-recommendation-seen');

  return (
    <Paper component="section" aria-labelledby="registry-heading" variant="outlined" sx={{ p: 2, mb: 2 }}>
      {heading}
      <Typography data-testid="registry-phase">
        {row.phaseLabel}
        {row.enrolledOn ? ` · since ${row.enrolledOn}` : ''}
        {open ? ` · care manager ${name(row.careManager)} · PCP ${name(row.pcp)}` : ''}
      </Typography>
      {row.lastRecommendation ? (
        <section role="region" aria-label="Latest psychiatric recommendation" style={{ marginTop: 8 }}>
          <Typography variant="subtitle2" component="h3">
            Latest psychiatric recommendation ({row.lastReviewDate}
            {row.lastReviewer ? `, ${name(row.lastReviewer)}` : ''})
            {row.recommendationNew ? <Chip size="small" color="primary" label="New" sx={{ ml: 1 }} data-testid="recommendation-new" /> : null}
          </Typography>
          <Typography data-testid="latest-recommendation" sx={{ whiteSpace: 'pre-wrap' }}>
            {row.lastRecommendation}
          </Typography>
          {row.nextReviewDate ? <Typography variant="caption">Next review: {row.nextReviewDate}</Typography> : null}
          {mayMarkSeen ? (
            <Button size="small" sx={{ ml: 1 }} disabled={marking} onClick={markSeen}>
              {marking ? 'Saving…' : 'Mark as seen'}
            </Button>
          ) : null}
        </section>
      ) : null}
      {row.notes.length ? (
        <Typography variant="caption" component="p">
          {row.notes.join('. ')}.
        </Typography>
      ) : null}
      {problem ? (
        <Alert severity="error" sx={{ mt: 1 }}>
          {problem}
        </Alert>
      ) : null}
      {stepsBlocked ? <RetryNote title="Flags could not be read." reason={stepsBlocked} /> : null}
      {practitioners && !practitioners.known ? (
        <Typography variant="caption" component="p">
          {practitioners.reason}
        </Typography>
      ) : null}
      <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }} useFlexGap>
        {(may('enroll') ? stepsFor(row.phase, row.enrolledOn !== undefined) : []).map((s) => (
          <Button key={s.kind} size="small" variant="outlined" disabled={stepsBlocked !== undefined || loading} onClick={() => setStep(s)}>
            {s.label}
          </Button>
        ))}
        {open && may('flag-for-review') ? (
          <Button
            size="small"
            variant="outlined"
            disabled={flagging || row.flaggedForReview || reviewBlocked !== undefined || loading}
            onClick={flagForReview}
            title={reviewBlocked}
          >
            {row.flaggedForReview ? 'Flagged for review' : 'Flag for review'}
          </Button>
        ) : null}
      </Stack>
      {reviewBlocked && open ? (
        <Typography variant="caption" component="p">
          {reviewBlocked}
        </Typography>
      ) : null}
      {step ? (
        <EnrollmentDialog
          patientId={patientId}
          kind={step.kind}
          title={step.label}
          practitioners={practitioners?.known ? practitioners.value : []}
          defaults={{ careManager: row.careManager ?? (session.fhirUser?.startsWith('Practitioner/') ? session.fhirUser : undefined), ...(row.pcp ? { pcp: row.pcp } : {}) }}
          flags={chart.rawFlags}
          onClose={() => setStep(undefined)}
          onSaved={() => {
            setStep(undefined);
            refresh();
            if (step.kind === 'referred' || step.kind === 'enrolled') onEnrolled?.(patientId);
          }}
        />
      ) : null}
    </Paper>
  );
}
