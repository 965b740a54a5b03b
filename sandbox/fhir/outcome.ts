import type { OperationOutcome } from '@medplum/fhirtypes';
import type { ServerResponse } from 'node:http';
import { sendJson, type Headers } from '../http/send.ts';

export const FHIR_JSON = 'application/fhir+json';

export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'not-found'
  | 'not-supported'
  | 'conflict'
  | 'processing'
  | 'business-rule'
  | 'exception'
  | 'informational'
  | 'too-costly';

export function outcome(code: IssueCode, diagnostics: string, severity: 'error' | 'warning' | 'information' = 'error'): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

export function sendOutcome(res: ServerResponse, status: number, code: IssueCode, diagnostics: string, headers: Headers = {}): void {
  sendJson(res, status, outcome(code, diagnostics), headers, FHIR_JSON);
}

/** Thrown inside the FHIR pipeline to end the request with an OperationOutcome. */
export class FhirHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: IssueCode,
    message: string,
    readonly headers: Headers = {},
  ) {
    super(message);
  }
}
