/**
 * The safety lifecycle in the patient view: takes the alerting findings and safety flags,
 * reads the risk assessments recorded for them (unless given), shows the alert and opens
 * "Risk assessed". Props stay plain so the patient view can feed it however it reads.
 */
import { useCallback, useMemo, useState } from 'react';
import type { SafetyFinding } from '../../clinical';
import type { ActiveFlag } from '../../clinical/flags/activeFlags';
import { readRiskAssessments, type RiskAssessment, safetyState, type SafetyItem } from '../../clinical/safety/riskAssessment';
import { useRole } from '../../app/role/RoleContext';
import { usePractitionerNames } from '../../caseload/data/usePractitionerNames';
import { clinicTimeZone } from '../../config/runtimeConfig';
import { readRiskAssessmentRecords } from '../../fhir/reads/riskAssessments';
import { useSession } from '../../app/SessionContext';
import { useAsync } from '../../shared/useAsync';
import { riskAssessmentDialog } from '../deferred/parts';
import { SafetyAlert, safetySentence } from './SafetyAlert';

export interface SafetySectionProps {
  patientId: string;
  findings: readonly SafetyFinding[];
  safetyFlags: readonly ActiveFlag[];
  /** Already read by the caller; otherwise read here. */
  assessments?: readonly RiskAssessment[] | undefined;
  /** False hides "Risk assessed"; by default the user's role decides. */
  mayAssess?: boolean;
  nameOf?: (reference: string | undefined) => string;
  onAssessed?: () => void;
}

export function SafetySection({ patientId, findings, safetyFlags, assessments, mayAssess, nameOf, onAssessed }: SafetySectionProps) {
  const session = useSession();
  const { may } = useRole();
  const assessAllowed = mayAssess ?? may('assess-risk');
  const [generation, setGeneration] = useState(0);
  const [assessing, setAssessing] = useState<SafetyItem | undefined>();
  const needsRead = assessments === undefined && (findings.length > 0 || safetyFlags.length > 0);
  const read = useCallback(
    async (signal: AbortSignal) => (needsRead ? readRiskAssessments(await readRiskAssessmentRecords(session.api, patientId, signal)) : []),
    // `generation` re-reads after a save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, patientId, needsRead, generation],
  );
  const state = useAsync(read);
  const readAssessments = state.status === 'done' ? state.value : state.status === 'loading' ? (state.previous ?? []) : [];
  const known = assessments ?? readAssessments;
  // Unknown is never "none": a failed read keeps every finding alerting, and says why.
  const unknown =
    assessments === undefined && state.status === 'failed'
      ? state.error instanceof Error && 'userMessage' in state.error
        ? String(state.error.userMessage)
        : 'the EHR did not answer'
      : undefined;
  const { open, assessed } = useMemo(() => safetyState(findings, safetyFlags, known), [findings, safetyFlags, known]);
  const lookedUp = usePractitionerNames(
    session,
    useMemo(() => assessed.map((a) => a.assessment.by), [assessed]),
  );
  return (
    <>
      <SafetyAlert
        open={open}
        assessed={assessed}
        onAssess={assessAllowed && !unknown ? setAssessing : undefined}
        assessmentsUnknown={unknown}
        nameOf={nameOf ?? ((r) => (lookedUp(r) === '…' ? 'the assessing clinician' : lookedUp(r)))}
      />
      {assessing ? (
        <riskAssessmentDialog.Part
          session={session}
          patientId={patientId}
          item={assessing}
          sentence={safetySentence(assessing)}
          timeZone={clinicTimeZone(session.settings)}
          onClose={() => setAssessing(undefined)}
          onSaved={() => {
            setAssessing(undefined);
            setGeneration((g) => g + 1);
            onAssessed?.();
          }}
          fallback={null}
        />
      ) : null}
    </>
  );
}
