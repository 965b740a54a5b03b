/**
 * The `Treatment plan` region: the plan the team made with the patient (problems, treat-to-
 * target goals with progress, the patient's own goals, parts with owners, history), the plan
 * of care notes where the EHR keeps the plan as a note, and the plans other systems wrote.
 * Where this EHR keeps the plan is said before the form opens. From the one chart read.
 */
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { PlanProblem } from '../../clinical/careplan';
import { CARE_PLAN_TARGET, GOAL_TARGET } from '../../fhir/writes/carePlans';
import { usePatientChart } from '../chart/PatientChartProvider';
import { RetryNote } from '../chart/RetryNote';
import { CarePlansList } from '../treatment/CarePlansList';
import { PlanNotes } from './PlanNotes';
import { PlanWriteNotice } from './PlanWriteNotice';
import { TreatmentPlanEditor } from './TreatmentPlanEditor';
import { TreatmentPlanView } from './TreatmentPlanView';
import { usePlanOutlook } from './usePlanOutlook';
import { usePractitionerName } from './usePractitionerName';

const PLAN_TARGETS = [CARE_PLAN_TARGET, GOAL_TARGET];
const PLAN_TYPES = new Set(['CarePlan', 'Goal']);

export function TreatmentPlanSection() {
  const { patientId, chart, refresh } = usePatientChart();
  const outlook = usePlanOutlook(PLAN_TARGETS);
  const nameOf = usePractitionerName();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();
  const treatment = chart?.treatment;
  const unread = treatment?.failedSearches.filter((f) => PLAN_TYPES.has(f.what)) ?? [];
  const plans = treatment?.plans;
  const stored = plans?.treatment;
  const problemChoices: PlanProblem[] = treatment
    ? [...treatment.diagnoses.behavioral, ...treatment.diagnoses.other]
        .filter((d) => d.active && d.references[0])
        .map((d) => ({ reference: d.references[0] as string, text: d.name }))
    : [];
  const row = chart?.row;
  const recommendation =
    row?.lastRecommendation && row.lastReviewReference
      ? { reference: row.lastReviewReference, reviewer: row.lastReviewer, date: row.lastReviewDate, text: row.lastRecommendation }
      : undefined;
  const phq9 = chart?.histories.find((h) => h.instrument === 'phq9')?.course;
  return (
    <Paper component="section" aria-labelledby="heading-treatment-plan" variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography id="heading-treatment-plan" component="h2" variant="h6" gutterBottom>
        Treatment plan
      </Typography>
      <PlanWriteNotice outlook={outlook} what="treatment plan" />
      {saved ? (
        <Typography role="status" variant="body2" sx={{ mb: 1 }}>
          {saved}
        </Typography>
      ) : null}
      {!chart || !treatment || !plans ? (
        <Skeleton variant="rectangular" height={80} aria-label="Loading the treatment plan" />
      ) : unread.length ? (
        <RetryNote title="The care plans could not be read, so the plan cannot be shown or changed now." reason={unread.map((u) => u.reason).join(' ')} />
      ) : editing ? (
        <TreatmentPlanEditor
          patientId={patientId}
          stored={stored}
          problemChoices={problemChoices}
          recommendation={recommendation}
          start={stored?.start ?? row?.enrolledOn ?? chart.today}
          baseline={phq9?.baseline?.total}
          today={chart.today}
          outlook={outlook}
          nameOf={nameOf}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(outlook.kind === 'plan' ? 'The treatment plan was saved to the chart.' : 'The treatment plan was saved to the chart as a clinical note.');
            refresh();
          }}
        />
      ) : (
        <>
          {stored ? (
            <TreatmentPlanView plan={stored} nameOf={nameOf} />
          ) : (
            <Typography variant="body2">No treatment plan has been written in the app for this patient yet.</Typography>
          )}
          <Button variant="outlined" size="small" sx={{ mt: 1 }} onClick={() => (setSaved(undefined), setEditing(true))}>
            {stored ? 'Revise the plan' : 'Write the treatment plan'}
          </Button>
        </>
      )}
      {plans ? (
        <PlanNotes
          notes={plans.notes.filter((n) => n.kind !== 'relapse-prevention')}
          unread={treatment?.failedSearches.find((f) => f.what === 'DocumentReference')?.reason}
          nameOf={nameOf}
        />
      ) : null}
      {plans ? <CarePlansList carePlans={plans.others} heading="Plans and goals from other systems" /> : null}
    </Paper>
  );
}
