import { useEffect, useSyncExternalStore } from 'react';
import { writeCapabilitiesFor } from '../../fhir/capabilities';
import type { Session } from '../../fhir/session';
import { ENROLLMENT_TARGET, MEMBERSHIP_TARGET, RECOMMENDATION_SEEN_TARGET, REVIEW_REQUEST_TARGET, REVIEW_TARGET, RISK_ASSESSMENT_TARGET } from '../../fhir/writes/registry';

/** What this EHR says about each registry record, kept current as /metadata and refusals arrive. */
export function useRegistryVerdicts(session: Session) {
  const store = writeCapabilitiesFor(session);
  useEffect(() => {
    void store.load();
  }, [store]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return {
    enrollment: snapshot.verdict(ENROLLMENT_TARGET),
    membership: snapshot.verdict(MEMBERSHIP_TARGET),
    review: snapshot.verdict(REVIEW_TARGET),
    reviewRequest: snapshot.verdict(REVIEW_REQUEST_TARGET),
    recommendationSeen: snapshot.verdict(RECOMMENDATION_SEEN_TARGET),
    riskAssessment: snapshot.verdict(RISK_ASSESSMENT_TARGET),
  };
}
