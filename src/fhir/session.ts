/**
 * The SMART session for the life of the page. fhirclient's `ready()` exchanges the
 * authorization code, which the server accepts exactly once, so it is called once per page
 * and kept at module level: React StrictMode's double render, remounts and hot reloads all
 * reuse the same promise instead of sending the code again.
 */
// The browser entry explicitly: the package's main entry is its Node (server-side) adapter.
import FHIR from 'fhirclient/lib/entry/browser';
import type Client from 'fhirclient/lib/Client';
import { type IssuerSettings, requireTrustedIssuer, type RuntimeConfig, settingsForIssuer } from '../config/runtimeConfig';
import { apiOfClient, completeAuthorization } from './authorizedClient';
import { FhirApi } from './fhirApi';
import { authorizationErrorFromUrl, classifyLaunchError, type LaunchProblem, launchProblem } from './launchError';
import { type GrantedScopes, parseGrantedScopes } from './scopes';

// The app is a public client (no secret): its refresh requests must name it with client_id,
// or the token endpoint refuses them and every session ends at expires_in. fhirclient reads
// this from its page-wide settings when it refreshes, not from authorize()'s options.
FHIR.oauth2.settings.refreshTokenWithClientId = true;

/**
 * The access token's clock: when it ends, whether it can be renewed, and renewing it ahead
 * of time (so an idle screen does not find its token gone at the next save).
 */
export interface TokenClock {
  /** When the current access token expires (epoch ms), if the EHR said. */
  expiresAt(): number | undefined;
  /** A refresh token was granted (with online_access or offline_access). */
  canRefresh(): boolean;
  /** Renews the token now; false when the EHR refused or could not be reached. */
  renew(): Promise<boolean>;
}

export class LaunchFailure extends Error {
  override name = 'LaunchFailure';
  constructor(readonly problem: LaunchProblem) {
    super(problem.title);
  }
}

export interface Session {
  serverUrl: string;
  /** The patient in context, from the token response (never from the URL or storage). */
  patientId?: string;
  encounterId?: string;
  /**
   * List and Group references the EHR put in the launch context (`fhirContext`): a patient
   * list the user opened the app from. Relative (`List/123`).
   */
  fhirContext?: string[];
  /** The signed-in user as a relative reference, e.g. `Practitioner/123`. */
  fhirUser?: string;
  granted: GrantedScopes;
  /** The EHR already shows a banner when false. */
  needPatientBanner: boolean;
  settings: IssuerSettings;
  api: FhirApi;
  token: TokenClock;
}

function tokenClock(client: Client): TokenClock {
  return {
    expiresAt: () => (client.state.expiresAt ? client.state.expiresAt * 1000 : undefined),
    canRefresh: () => {
      const scope = String(client.state.tokenResponse?.scope ?? client.state.scope ?? '');
      return Boolean(client.state.tokenResponse?.refresh_token) && /\b(online|offline)_access\b/.test(scope);
    },
    renew: () =>
      client.refresh().then(
        () => true,
        () => false,
      ),
  };
}

let sessionPromise: Promise<Session> | undefined;

export function getSession(): Promise<Session> {
  sessionPromise ??= startSession();
  return sessionPromise;
}

/** The redirect carried `error=` back from the authorization server: take it off the URL. */
function takeAuthorizationError(): LaunchProblem | undefined {
  const url = new URL(window.location.href);
  const problem = authorizationErrorFromUrl(url.searchParams);
  if (problem) {
    for (const key of ['error', 'error_description', 'error_uri', 'state']) url.searchParams.delete(key);
    window.history.replaceState(null, '', url.href);
  }
  return problem;
}

function relativeReference(fhirUser: string | null | undefined): string | undefined {
  if (!fhirUser) return undefined;
  const match = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(fhirUser);
  return match?.[1];
}

/** SMART 2 `fhirContext`: objects with `reference` (or, from older EHRs, plain strings); Lists and Groups only. */
export function patientLists(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .map((item: unknown) => (typeof item === 'string' ? item : typeof item === 'object' && item !== null ? (item as { reference?: unknown }).reference : undefined))
    .filter((ref): ref is string => typeof ref === 'string')
    .map((ref) => /((?:List|Group)\/[A-Za-z0-9\-.]{1,64})$/.exec(ref)?.[1])
    .filter((ref): ref is string => ref !== undefined);
}

async function startSession(): Promise<Session> {
  const authProblem = takeAuthorizationError();
  if (authProblem) throw new LaunchFailure(authProblem);
  let client: Client;
  let configPromise: Promise<RuntimeConfig>;
  try {
    ({ client, config: configPromise } = await completeAuthorization());
  } catch (error) {
    throw new LaunchFailure(classifyLaunchError(error));
  }
  let settings: IssuerSettings;
  try {
    const config = await configPromise;
    // authorize() refused untrusted issuers before any request; checked again here in case
    // the launch state was planted or the trusted list changed since.
    requireTrustedIssuer(config, client.state.serverUrl, window.location.href);
    settings = settingsForIssuer(config, client.state.serverUrl);
  } catch (error) {
    throw new LaunchFailure(classifyLaunchError(error));
  }
  const token = client.state.tokenResponse ?? {};
  const granted = parseGrantedScopes(typeof token.scope === 'string' ? token.scope : client.state.scope);
  const patientId = client.getPatientId() ?? undefined;
  if (granted.patientOnly && !patientId) throw new LaunchFailure(launchProblem('no-patient'));
  const api = apiOfClient(client, settings.requestTimeoutMs);
  const encounterId = client.getEncounterId() ?? undefined;
  const fhirUser = relativeReference(client.getFhirUser());
  const fhirContext = patientLists(token.fhirContext);
  return {
    serverUrl: client.state.serverUrl,
    ...(patientId ? { patientId } : {}),
    ...(encounterId ? { encounterId } : {}),
    ...(fhirUser ? { fhirUser } : {}),
    ...(fhirContext.length ? { fhirContext } : {}),
    granted,
    needPatientBanner: token.need_patient_banner !== false,
    settings,
    api,
    token: tokenClock(client),
  };
}
