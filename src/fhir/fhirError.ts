/**
 * One error type for everything that can go wrong talking to the EHR, sorted by what the
 * user can do about it. Screens show `userMessage`; nothing here holds patient data (URLs
 * are reduced to their resource type).
 */

export type FhirErrorKind =
  | 'unauthorized' // 401: the session ended
  | 'forbidden' // 403: this account or app is not allowed
  | 'not-found' // 404
  | 'not-allowed' // 405: this EHR does not offer the interaction
  | 'conflict' // 409
  | 'precondition-failed' // 412: changed by someone else
  | 'unprocessable' // 422: the EHR refused the content
  | 'bad-request' // other 4xx
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'timeout'
  | 'network'
  | 'invalid-response'; // not FHIR JSON, or not the resource we asked for

export class FhirError extends Error {
  override name = 'FhirError';
  constructor(
    readonly kind: FhirErrorKind,
    readonly userMessage: string,
    readonly options: { status?: number; resourceType?: string; retryAfterSeconds?: number; diagnostics?: string } = {},
  ) {
    super(userMessage);
  }
  get status(): number | undefined {
    return this.options.status;
  }
}

const READABLE_TYPE: Record<string, string> = {
  Observation: 'observations (scores)',
  QuestionnaireResponse: 'questionnaire responses (forms)',
  Questionnaire: 'questionnaires',
  Patient: 'patient records',
  Practitioner: 'practitioner records',
  Flag: 'flags',
  Condition: 'diagnoses',
  MedicationRequest: 'medication orders',
  MedicationStatement: 'medication statements',
  CarePlan: 'care plans',
  Goal: 'goals',
  DocumentReference: 'clinical notes',
  Communication: 'messages to the patient',
  List: 'patient lists',
  Group: 'patient groups',
};

export function readableType(resourceType: string | undefined): string {
  if (!resourceType) return 'records';
  return READABLE_TYPE[resourceType] ?? `${resourceType} records`;
}

/** First useful text of an OperationOutcome, for support details (never shown alone). */
export function operationOutcomeText(body: unknown): string | undefined {
  const issues = body as { resourceType?: string; issue?: Array<{ diagnostics?: string; details?: { text?: string } }> } | null;
  if (!issues || issues.resourceType !== 'OperationOutcome' || !Array.isArray(issues.issue)) return undefined;
  const texts = issues.issue.map((i) => i.details?.text ?? i.diagnostics).filter((t): t is string => Boolean(t));
  return texts.length ? texts.join('; ') : undefined;
}

export function errorForStatus(status: number, resourceType: string | undefined, body: unknown, retryAfter: string | null): FhirError {
  const what = readableType(resourceType);
  const diagnostics = operationOutcomeText(body);
  const base = { status, ...(resourceType ? { resourceType } : {}), ...(diagnostics ? { diagnostics } : {}) };
  if (status === 401) return new FhirError('unauthorized', 'Your EHR session has ended. Open CoCM Registry again from the EHR; anything you typed is kept in this window.', base);
  if (status === 403) return new FhirError('forbidden', `Your EHR access does not include ${what}, so they are not shown. Ask your EHR administrator if you need them.`, base);
  if (status === 404) return new FhirError('not-found', `The EHR could not find the requested ${what}.`, base);
  if (status === 405) return new FhirError('not-allowed', `This EHR does not allow apps to do that with ${what}.`, base);
  if (status === 409) return new FhirError('conflict', `The EHR reported a conflict with existing ${what}. Reload to see the latest, then try again.`, base);
  if (status === 412) return new FhirError('precondition-failed', `Someone else changed these ${what} meanwhile. Reload to see their change, then try again.`, base);
  if (status === 422) return new FhirError('unprocessable', `The EHR did not accept these ${what} as sent.`, base);
  if (status === 429) {
    const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
    return new FhirError('rate-limited', `The EHR is busy and asked the app to slow down while reading ${what}. Try again ${seconds ? `in ${seconds} seconds` : 'shortly'}.`, {
      ...base,
      ...(seconds ? { retryAfterSeconds: seconds } : {}),
    });
  }
  if (status >= 500) return new FhirError('server', `The EHR had a problem answering for ${what} (error ${status}). Try again in a few minutes.`, base);
  return new FhirError('bad-request', `The EHR refused the request for ${what} (error ${status}).`, base);
}
