/**
 * The safety lifecycle in the patient view: takes the alerting findings, the safety flags and
 * the risk assessments the chart read, shows the alert and opens "Risk assessed". While the
 * assessments are unknown (their read failed or is still paging) every finding keeps
 * alerting and "Risk assessed" waits: an earlier assessment might already cover it.
 */
import { useMemo, useState } from 'react';
import type { SafetyFinding } from '../../clinical';
import type { ActiveFlag } from '../../clinical/flags/activeFlags';
import { type RiskAssessment, safetyState, type SafetyItem } from '../../clinical/safety/riskAssessment';
import { useRole } from '../../app/role/RoleContext';
import { usePractitionerNames } from '../../caseload/data/usePractitionerNames';
import { clinicTimeZone } from '../../config/runtimeConfig';
import { useSession } from '../../app/SessionContext';
import { RiskAssessmentDialog } from './RiskAssessmentDialog';
import { SafetyAlert, safetySentence } from './SafetyAlert';

export interface SafetySectionProps {
  patientId: string;
  findings: readonly SafetyFinding[];
  safetyFlags: readonly ActiveFlag[];
  assessments: readonly RiskAssessment[];
  /** Why the assessments are not known yet (the chart's fact); undefined when they are. */
  assessmentsUnknown?: string | undefined;
  /** False hides "Risk assessed"; by default the user's role decides. */
  mayAssess?: boolean;
  nameOf?: (reference: string | undefined) => string;
  /** Called after an assessment is saved: the chart reads again and brings it in. */
  onAssessed?: () => void;
}

export function SafetySection({ patientId, findings, safetyFlags, assessments, assessmentsUnknown, mayAssess, nameOf, onAssessed }: SafetySectionProps) {
  const session = useSession();
  const { may } = useRole();
  const assessAllowed = mayAssess ?? may('assess-risk');
  const [assessing, setAssessing] = useState<SafetyItem | undefined>();
  const { open, assessed } = useMemo(() => safetyState(findings, safetyFlags, assessments), [findings, safetyFlags, assessments]);
  const lookedUp = usePractitionerNames(
    session,
    useMemo(() => assessed.map((a) => a.assessment.by), [assessed]),
  );
  return (
    <>
      <SafetyAlert
        open={open}
        assessed={assessed}
        onAssess={assessAllowed && !assessmentsUnknown ? setAssessing : undefined}
        assessmentsUnknown={assessmentsUnknown}
        nameOf={nameOf ?? ((r) => (lookedUp(r) === '…' ? 'the assessing clinician' : lookedUp(r)))}
      />
      {assessing ? (
        <RiskAssessmentDialog
          session={session}
          patientId={patientId}
          item={assessing}
          sentence={safetySentence(assessing)}
          timeZone={clinicTimeZone(session.settings)}
          onClose={() => setAssessing(undefined)}
          onSaved={() => {
            setAssessing(undefined);
            onAssessed?.();
          }}
        />
      ) : null}
    </>
  );
}
