/**
 * The patient's place in Collaborative Care, in the patient view: phase and episode, care
 * manager and PCP, the psychiatrist's latest recommendation (what the PCP acts on), and the
 * enrollment steps and "Flag for review", one click each.
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
import type { Session } from '../../fhir/session';
import { recordRecommendationSeen, requestReview } from '../../fhir/writes/registry';
import { useRole } from '../../app/role/RoleContext';
import { EnrollmentDialog, STEP_LABEL } from './EnrollmentDialog';
import type { useRegistryRow } from './useRegistryRow';

function stepsFor(phase: string, everEnrolled: boolean): { kind: EventKind; label: string }[] {
  switch (phase) {
    case 'referred':
      return [{ kind: 'enrolled', label: 'Enroll' }, { kind: 'discharged', label: 'Discharge' }];
    case 'active':
      return [{ kind: 'relapse-prevention', label: STEP_LABEL['relapse-prevention'] }, { kind: 'discharged', label: 'Discharge' }];
    case 'relapse-prevention':
      return [{ kind: 'active-treatment', label: STEP_LABEL['active-treatment'] }, { kind: 'discharged', label: 'Discharge' }];
    default:
      return [{ kind: 'referred', label: 'Refer to collaborative care' }, { kind: 'enrolled', label: everEnrolled ? 'Re-enroll' : 'Enroll' }];
  }
}

/** `registry` comes from the workspace, which also gives the patient view the row's course window. */
export function RegistryPanel({ session, patientId, registry, onEnrolled }: { session: Session; patientId: string; registry: ReturnType<typeof useRegistryRow>; onEnrolled?: (patientId: string) => void }) {
  const { state, reload } = registry;
  const view = state.status === 'done' ? state.value : state.status === 'loading' ? state.previous : undefined;
  const [step, setStep] = useState<{ kind: EventKind; label: string } | undefined>();
  const [flagging, setFlagging] = useState(false);
  const [marking, setMarking] = useState(false);
  const { may } = useRole();
  const [problem, setProblem] = useState<string | undefined>();
  const names = useMemo(() => new Map(view?.practitioners.map((p) => [p.reference, p.name]) ?? []), [view]);
  if (state.status === 'failed') return <Alert severity="warning" sx={{ mb: 2 }}>The collaborative care enrollment could not be read.</Alert>;
  if (!view) return null;
  const { row } = view;
  const name = (ref: string | undefined) => (ref ? (names.get(ref) ?? ref) : 'not set');
  const open = row.phase === 'referred' || row.phase === 'active' || row.phase === 'relapse-prevention';

  async function flagForReview() {
    setFlagging(true);
    setProblem(undefined);
    const now = new Date();
    const outcomes = await requestReview(session, { actionId: crypto.randomUUID(), patientId, when: fhirDateTime(now, -now.getTimezoneOffset()), ...(session.fhirUser ? { author: session.fhirUser } : {}) }, view?.flags ?? []).catch(() => [
      { label: 'review request flag', saved: false as const, reason: 'the EHR did not answer' },
    ]);
    const failed = outcomes.find((o) => !o.saved);
    if (failed && !failed.saved) setProblem(`Not flagged for review: ${failed.reason}`);
    setFlagging(false);
    reload();
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
    reload();
  }
  // The reviewer does not mark their own recommendation seen: the mark is for the PCP.
  const mayMarkSeen = row.recommendationNew && row.lastReviewer !== session.fhirUser && may('mark-recommendation-seen');

  return (
    <Paper component="section" aria-labelledby="registry-heading" variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography id="registry-heading" component="h2" variant="h6">
        Collaborative care
      </Typography>
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
            {row.recommendationNew ? (
              <Chip size="small" color="primary" label="New" sx={{ ml: 1 }} data-testid="recommendation-new" />
            ) : null}
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
      {row.notes.length ? <Typography variant="caption" component="p">{row.notes.join('. ')}.</Typography> : null}
      {problem ? <Alert severity="error" sx={{ mt: 1 }}>{problem}</Alert> : null}
      <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }} useFlexGap>
        {(may('enroll') ? stepsFor(row.phase, row.enrolledOn !== undefined) : []).map((s) => (
          <Button key={s.kind} size="small" variant="outlined" onClick={() => setStep(s)}>
            {s.label}
          </Button>
        ))}
        {open && may('flag-for-review') ? (
          <Button size="small" variant="outlined" disabled={flagging || row.flaggedForReview} onClick={flagForReview}>
            {row.flaggedForReview ? 'Flagged for review' : 'Flag for review'}
          </Button>
        ) : null}
      </Stack>
      {step ? (
        <EnrollmentDialog
          session={session}
          patientId={patientId}
          kind={step.kind}
          title={step.label}
          practitioners={view.practitioners}
          defaults={{ careManager: row.careManager ?? (session.fhirUser?.startsWith('Practitioner/') ? session.fhirUser : undefined), ...(row.pcp ? { pcp: row.pcp } : {}) }}
          flags={view.flags}
          onClose={() => setStep(undefined)}
          onSaved={() => {
            setStep(undefined);
            reload();
            if (step.kind === 'referred' || step.kind === 'enrolled') onEnrolled?.(patientId);
          }}
        />
      ) : null}
    </Paper>
  );
}
