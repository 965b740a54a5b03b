/**
 * The patient app's SMART session: a standalone launch from the patient portal (the portal
 * opens patient.html with `iss`), the patient app's own client id and scopes from
 * config.json `patientApp`, and a token whose user is the patient (`fhirUser` = Patient/ID,
 * `patient` = ID). The code exchange happens once per page (module-level promise), as for the
 * clinician app (session.ts).
 */
// The browser entry explicitly: the package's main entry is its Node (server-side) adapter.
import FHIR from 'fhirclient/lib/entry/browser';
import { type IssuerSettings, loadRuntimeConfig, type PatientAppSettings, requireTrustedIssuer, settingsForIssuer, UntrustedIssuerError } from '../config/runtimeConfig';
import { apiOfClient, completeAuthorization } from './authorizedClient';
import { FhirApi } from './fhirApi';
import { authorizationErrorFromUrl, classifyLaunchError } from './launchError';
import { type GrantedScopes, parseGrantedScopes } from './scopes';

FHIR.oauth2.settings.refreshTokenWithClientId = true;

/** What went wrong, in the patient's terms (the screens word each one). */
export type PatientLaunchProblem =
  /** Opened without a launch, or the sign-in link or its state expired or was used already. */
  | 'expired'
  /** The sign-in names a different patient than the record opened (or no patient at all). */
  | 'other-patient'
  /** Signed in as staff: this page is for patients. */
  | 'not-a-patient'
  | 'denied'
  | 'unreachable'
  /** The app's settings or the EHR's trust are wrong: nothing the patient can fix. */
  | 'setup';

export class PatientLaunchFailure extends Error {
  override name = 'PatientLaunchFailure';
  constructor(readonly problem: PatientLaunchProblem) {
    super(problem);
  }
}

export interface PatientSession {
  serverUrl: string;
  patientId: string;
  /** `Patient/ID`: the signed-in user is the patient. */
  fhirUser: string;
  granted: GrantedScopes;
  settings: IssuerSettings;
  api: FhirApi;
}

function patientAppOf(settings: IssuerSettings): PatientAppSettings {
  if (!settings.patientApp) throw new PatientLaunchFailure('setup');
  return settings.patientApp;
}

function problemOf(error: unknown): PatientLaunchProblem {
  if (error instanceof PatientLaunchFailure) return error.problem;
  if (error instanceof UntrustedIssuerError) return 'setup';
  const kind = classifyLaunchError(error).kind;
  if (kind === 'denied') return 'denied';
  if (kind === 'unreachable') return 'unreachable';
  if (kind === 'config' || kind === 'untrusted-issuer') return 'setup';
  return 'expired';
}

/** Starts the standalone sign-in for `iss` (navigates away); rejects with a PatientLaunchFailure. */
export async function startPatientSignIn(pageUrl: URL): Promise<void> {
  const iss = pageUrl.searchParams.get('iss');
  try {
    if (!iss) throw new PatientLaunchFailure('expired');
    const config = await loadRuntimeConfig();
    requireTrustedIssuer(config, iss, pageUrl.href);
    const app = patientAppOf(settingsForIssuer(config, iss));
    await FHIR.oauth2.authorize({
      iss,
      clientId: app.clientId,
      scope: app.scopes.join(' '),
      redirectUri: app.redirectUri ?? new URL('patient.html', pageUrl).href,
      pkceMode: 'required',
    });
  } catch (error) {
    throw new PatientLaunchFailure(problemOf(error));
  }
}

let sessionPromise: Promise<PatientSession> | undefined;

export function getPatientSession(): Promise<PatientSession> {
  sessionPromise ??= start().catch((error: unknown) => {
    throw new PatientLaunchFailure(problemOf(error));
  });
  return sessionPromise;
}

function relativeReference(fhirUser: string | null | undefined): string | undefined {
  return fhirUser ? /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(fhirUser)?.[1] : undefined;
}

async function start(): Promise<PatientSession> {
  const url = new URL(window.location.href);
  if (authorizationErrorFromUrl(url.searchParams)) {
    const problem = authorizationErrorFromUrl(url.searchParams)?.kind === 'denied' ? 'denied' : 'expired';
    window.history.replaceState(null, '', url.pathname);
    throw new PatientLaunchFailure(problem);
  }
  const { client, config: configPromise } = await completeAuthorization();
  const config = await configPromise;
  requireTrustedIssuer(config, client.state.serverUrl, window.location.href);
  const settings = settingsForIssuer(config, client.state.serverUrl);
  const patientId = client.getPatientId() ?? undefined;
  const fhirUser = relativeReference(client.getFhirUser());
  if (!fhirUser?.startsWith('Patient/')) throw new PatientLaunchFailure(fhirUser ? 'not-a-patient' : 'other-patient');
  // The signed-in patient must be the patient whose record is open: never answer for someone else.
  if (!patientId || fhirUser !== `Patient/${patientId}`) throw new PatientLaunchFailure('other-patient');
  const token = client.state.tokenResponse ?? {};
  const granted = parseGrantedScopes(typeof token.scope === 'string' ? token.scope : client.state.scope);
  const api = apiOfClient(client, settings.requestTimeoutMs);
  return { serverUrl: client.state.serverUrl, patientId, fhirUser, granted, settings, api };
}
