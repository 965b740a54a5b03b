/**
 * The patient view's parts that load after the first paint (each a chunk of its own), and the
 * one call that starts them once the chart's reads are on the wire: over HTTP/1.1 (six
 * connections a host) started earlier they would queue the token exchange or the score reads
 * behind them (docs/performance.md). The chart's own chunk starts with the reads (PatientView).
 */
import type { RiskAssessmentDialogProps } from '../safety/RiskAssessmentDialog';
import { deferredModule, deferredPart } from '../../shared/deferredPart';

export const patientDetails = deferredPart('rest of the patient page', () => import('../PatientDetails'));

export const riskAssessmentDialog = deferredPart<RiskAssessmentDialogProps>('risk assessment form', () =>
  import('../safety/RiskAssessmentDialog').then((m) => ({ default: m.RiskAssessmentDialog })),
);

/** The chart model's treatment part (medication timeline, diagnoses, plans): needed once the treatment records are in. */
export const treatmentBuilder = deferredModule(() => import('../../clinical/patientChart/treatment').then((m) => m.buildTreatmentModel));

export function preloadPatientParts(): void {
  for (const load of [treatmentBuilder.preload, patientDetails.preload, riskAssessmentDialog.preload]) void load().catch(() => undefined);
}
