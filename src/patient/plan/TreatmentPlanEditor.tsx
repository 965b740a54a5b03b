/**
 * Writing or revising the treatment plan with the patient. What is typed stays in this form
 * until it is saved: a refusal, a failure or a 412 (someone saved meanwhile: both versions
 * shown) never clears it. Saved as the plan where the EHR takes CarePlan and Goal, else as a
 * plan of care note; the copy-ready text is offered wherever the plan itself is not kept.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useRole } from '../../app/role/RoleContext';
import { useSession } from '../../app/SessionContext';
import {
  changeNote,
  describePlanChanges,
  OWNER_ROLE_LABEL,
  OWNER_ROLES,
  type OwnerRole,
  PART_KIND_LABEL,
  PART_KINDS,
  PART_STATUS_LABEL,
  PART_STATUSES,
  type PartKind,
  type PartStatus,
  type PlanPart,
  type PlanProblem,
  planProblems,
  readPlans,
  type StoredTreatmentPlan,
  targetGoals,
  treatmentPlanLines,
  type TreatmentPlanContent,
} from '../../clinical/careplan';
import { fhirDateTime } from '../../clinical/records/time';
import { savePlanNote, saveTreatmentPlan } from '../../fhir/writes/carePlans';
import { NoteTextBox } from '../../shared/NoteTextBox';
import { PlanSaveProblem, usePlanConflict } from './PlanConflict';
import type { PlanOutlook } from './usePlanOutlook';

export interface Recommendation {
  reference: string;
  reviewer: string | undefined;
  date: string | undefined;
  text: string;
}

export interface TreatmentPlanEditorProps {
  patientId: string;
  stored: StoredTreatmentPlan | undefined;
  /** Conditions on record the plan may address. */
  problemChoices: readonly PlanProblem[];
  recommendation: Recommendation | undefined;
  /** yyyy-MM-dd the plan starts when new (enrollment, else today). */
  start: string;
  baseline: number | undefined;
  today: string;
  outlook: PlanOutlook;
  nameOf: (ref: string | undefined) => string;
  onSaved: () => void;
  onCancel: () => void;
}

const EMPTY: TreatmentPlanContent = { problems: [], ownGoals: [], parts: [] };

function newKey(): string {
  return crypto.randomUUID().slice(0, 8);
}

export function TreatmentPlanEditor(props: TreatmentPlanEditorProps) {
  const session = useSession();
  const { base, conflict, meet, keepMine } = usePlanConflict(props.stored);
  const [content, setContent] = useState<TreatmentPlanContent>(props.stored?.content ?? { ...EMPTY, problems: props.problemChoices.slice(0, 1) });
  const [planId] = useState(() => props.stored?.planId ?? crypto.randomUUID());
  // One note per save: a resend after a lost answer finds the first copy.
  const [noteId] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [notAllowed, setNotAllowed] = useState<string | undefined>();
  const start = base?.start ?? props.start;
  const targets = targetGoals(start, props.baseline);
  const text = treatmentPlanLines(content, targets, start).join('\n');
  const mode = notAllowed ? 'note' : props.outlook.kind === 'note' || props.outlook.kind === 'text-only' ? props.outlook.kind : 'plan';

  const setPart = (key: string, change: Partial<PlanPart>) => setContent((c) => ({ ...c, parts: c.parts.map((p) => (p.key === key ? { ...p, ...change } : p)) }));
  const accepted = props.recommendation && content.parts.some((p) => p.recommendation === props.recommendation?.reference);
  // Accepting it changes the treatment: the PCP's action (roles.ts); others read it here.
  const mayAccept = useRole().may('accept-recommendation');

  async function save() {
    const missing = planProblems(content);
    if (missing.length) {
      setProblem(missing.join(' '));
      return;
    }
    setSaving(true);
    setProblem(undefined);
    const now = new Date();
    const when = fhirDateTime(now, -now.getTimezoneOffset());
    const author = session.fhirUser;
    if (mode === 'plan') {
      const change = changeNote(describePlanChanges(base?.content, content));
      const outcome = await saveTreatmentPlan(session, { planId, patientId: props.patientId, start, content, targets, author, when, change, stored: base });
      setSaving(false);
      if (outcome.status === 'saved') return props.onSaved();
      if (outcome.status === 'conflict') {
        const theirs = outcome.theirs
          ? readPlans({ carePlans: [outcome.theirs], goals: [...(base?.goalResources.values() ?? [])], documents: [], phq9: undefined, today: props.today }).treatment
          : undefined;
        meet(theirs);
        setProblem(outcome.reason);
        return;
      }
      if (outcome.status === 'not-allowed') setNotAllowed(outcome.reason);
      setProblem(
        `The plan was not saved: ${outcome.reason} ${outcome.status === 'not-allowed' ? 'Save it as a clinical note instead, or copy the text below.' : 'Try again; what you typed is kept.'}`,
      );
      return;
    }
    const outcome = await savePlanNote(session, { noteId, patientId: props.patientId, kind: 'treatment', text, author, when });
    setSaving(false);
    if (outcome.status === 'saved') return props.onSaved();
    setProblem(`The note was not saved: ${outcome.reason} Copy the text below into the chart.`);
  }

  return (
    <Box component="form" aria-label="Edit the treatment plan" onSubmit={(e) => (e.preventDefault(), void save())} sx={{ mt: 1 }}>
      <Typography component="h3" variant="subtitle2">
        Problems the plan addresses
      </Typography>
      {props.problemChoices.length ? (
        <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 2 }}>
          {props.problemChoices.map((p) => (
            <FormControlLabel
              key={p.reference}
              control={
                <Checkbox
                  checked={content.problems.some((x) => x.reference === p.reference)}
                  onChange={(e) => setContent((c) => ({ ...c, problems: e.target.checked ? [...c.problems, p] : c.problems.filter((x) => x.reference !== p.reference) }))}
                />
              }
              label={p.text}
            />
          ))}
        </Stack>
      ) : (
        <Typography variant="body2">No diagnoses on record to choose from.</Typography>
      )}
      <Typography variant="body2" sx={{ mt: 1 }}>
        Treat-to-target goals (set by the plan): {targets.map((t) => (t.kind === 'response' ? `50% drop by ${t.due}` : `PHQ-9 below 5 by ${t.due}`)).join('; ')}.
      </Typography>
      <Typography component="h3" variant="subtitle2" sx={{ mt: 1 }}>
        The patient&apos;s own goals, in their words
      </Typography>
      {content.ownGoals.map((g, i) => (
        <Stack key={g.key} direction="row" spacing={1} sx={{ mt: 1 }}>
          <TextField
            size="small"
            fullWidth
            label={`Patient's goal ${i + 1}`}
            value={g.text}
            onChange={(e) => setContent((c) => ({ ...c, ownGoals: c.ownGoals.map((x) => (x.key === g.key ? { ...x, text: e.target.value } : x)) }))}
          />
          <Button onClick={() => setContent((c) => ({ ...c, ownGoals: c.ownGoals.filter((x) => x.key !== g.key) }))} aria-label={`Remove patient's goal ${i + 1}`}>
            Remove
          </Button>
        </Stack>
      ))}
      <Button size="small" onClick={() => setContent((c) => ({ ...c, ownGoals: [...c.ownGoals, { key: newKey(), text: '' }] }))}>
        Add a goal of the patient
      </Button>
      <Typography component="h3" variant="subtitle2" sx={{ mt: 1 }}>
        Parts of the plan
      </Typography>
      {content.parts.map((p, i) => (
        <Box key={p.key} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '170px 1fr 190px 130px auto' }, gap: 1, mt: 1 }}>
          <TextField select size="small" label={`Part ${i + 1} kind`} value={p.kind} onChange={(e) => setPart(p.key, { kind: e.target.value as PartKind })}>
            {PART_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {PART_KIND_LABEL[k]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label={`Part ${i + 1} description`}
            value={p.description}
            onChange={(e) => setPart(p.key, { description: e.target.value })}
            helperText={p.recommendedBy ? `From the psychiatric recommendation of ${props.nameOf(p.recommendedBy)}` : undefined}
          />
          <TextField select size="small" label={`Part ${i + 1} owner`} value={p.owner} onChange={(e) => setPart(p.key, { owner: e.target.value as OwnerRole })}>
            {OWNER_ROLES.map((r) => (
              <MenuItem key={r} value={r}>
                {OWNER_ROLE_LABEL[r]}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={`Part ${i + 1} status`} value={p.status} onChange={(e) => setPart(p.key, { status: e.target.value as PartStatus })}>
            {PART_STATUSES.map((s) => (
              <MenuItem key={s} value={s}>
                {PART_STATUS_LABEL[s]}
              </MenuItem>
            ))}
          </TextField>
          <Button onClick={() => setContent((c) => ({ ...c, parts: c.parts.filter((x) => x.key !== p.key) }))} aria-label={`Remove part ${i + 1}`}>
            Remove
          </Button>
        </Box>
      ))}
      <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: 'wrap' }}>
        <Button
          size="small"
          onClick={() => setContent((c) => ({ ...c, parts: [...c.parts, { key: newKey(), kind: 'medication', description: '', owner: 'pcp', status: 'not-started' }] }))}
        >
          Add a part
        </Button>
        {props.recommendation && !accepted && mayAccept ? (
          <Button
            size="small"
            onClick={() =>
              setContent((c) => ({
                ...c,
                parts: [
                  ...c.parts,
                  {
                    key: newKey(),
                    kind: 'medication',
                    description: props.recommendation!.text,
                    owner: 'pcp',
                    status: 'not-started',
                    recommendation: props.recommendation!.reference,
                    ...(props.recommendation!.reviewer ? { recommendedBy: props.recommendation!.reviewer } : {}),
                  },
                ],
              }))
            }
          >
            Accept the latest psychiatric recommendation into the plan
          </Button>
        ) : null}
      </Stack>
      {props.recommendation && !accepted && !mayAccept ? <RecommendationReadOnly recommendation={props.recommendation} nameOf={props.nameOf} /> : null}
      <PlanSaveProblem
        problem={problem}
        conflict={conflict}
        mine={() => treatmentPlanLines(content, targets, start)}
        linesOf={(theirs) => treatmentPlanLines(theirs.content, targetGoals(theirs.start, undefined), theirs.start)}
        onKeepMine={() => (keepMine(), setProblem(undefined))}
        nameOf={props.nameOf}
      />
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button type="submit" variant="contained" disabled={saving || mode === 'text-only' || conflict !== undefined}>
          {saving ? 'Saving…' : mode === 'plan' ? 'Save plan' : 'Save as clinical note'}
        </Button>
        <Button onClick={props.onCancel} disabled={saving}>
          Cancel
        </Button>
      </Stack>
      {mode !== 'plan' ? <NoteTextBox text={text} /> : null}
    </Box>
  );
}

/** The recommendation for someone who may not accept it: what it says, by whom, and who decides. */
function RecommendationReadOnly({ recommendation, nameOf }: { recommendation: Recommendation; nameOf: (ref: string | undefined) => string }) {
  const by = [recommendation.reviewer ? `by ${nameOf(recommendation.reviewer)}` : '', recommendation.date ? `on ${recommendation.date}` : ''].filter(Boolean).join(' ');
  return (
    <Box component="section" aria-label="Psychiatric recommendation for the plan" sx={{ mt: 1 }}>
      <Typography variant="subtitle2">Latest psychiatric recommendation{by ? ` (${by})` : ''}</Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
        {recommendation.text}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        The primary care provider accepts it into the plan.
      </Typography>
    </Box>
  );
}
