/**
 * Every way a SMART launch can fail, each with words a clinician understands and what to do
 * next. fhirclient reports failures as plain Errors with messages; we sort them here so the
 * screens never show a stack trace or a raw OAuth code alone.
 */

export type LaunchErrorKind =
  | 'no-launch' // opened directly: a bookmark, a new tab, a reload after the session ended
  | 'state-expired' // the launch state is gone (expired, or reused in another tab)
  | 'denied' // the user or the EHR refused the authorization
  | 'auth-error' // the authorization server reported another error
  | 'token-failed' // the code could not be exchanged (reused, expired, PKCE mismatch)
  | 'unreachable' // the EHR's servers did not answer
  | 'no-patient' // the grant only covers one patient but none was given
  | 'config' // the app's own settings are broken
  | 'untrusted-issuer' // the launch names a FHIR server this deployment does not trust
  | 'session-ended'; // the access token expired and could not be renewed

export interface LaunchProblem {
  kind: LaunchErrorKind;
  title: string;
  /** The issuer an untrusted-issuer problem is about (shown, so an administrator can add it). */
  iss?: string;
  explanation: string;
  nextStep: string;
  /** Technical detail for the support desk (never patient data). */
  detail?: string;
}

const RELAUNCH = "Open CoCM Registry again from the EHR: from the patient's chart for one patient, or from the EHR's app menu for your caseload.";

const TEXTS: Record<LaunchErrorKind, Omit<LaunchProblem, 'kind' | 'detail'>> = {
  'no-launch': {
    title: 'Open CoCM Registry from your EHR',
    explanation:
      'This page was opened without a launch from the EHR (for example from a bookmark, or after the EHR session ended), so it does not know who you are or which patient to show.',
    nextStep: RELAUNCH,
  },
  'state-expired': {
    title: 'This launch has expired',
    explanation: 'The sign-in started for this window is no longer valid. It may have timed out, or it was already used in another window.',
    nextStep: RELAUNCH,
  },
  denied: {
    title: 'Access was not granted',
    explanation: 'The EHR did not allow CoCM Registry to open with your account. Nothing was read or saved.',
    nextStep: 'If you expected access, open the app again from the EHR and approve it, or ask your EHR administrator to enable CoCM Registry for your role.',
  },
  'auth-error': {
    title: 'The EHR refused the sign-in',
    explanation: "The EHR's sign-in service reported a problem with this launch.",
    nextStep: `${RELAUNCH} If it happens again, give the details below to your EHR support desk.`,
  },
  'token-failed': {
    title: 'Sign-in could not be completed',
    explanation: "The EHR did not accept the app's sign-in code. This happens when a sign-in link is reused or has expired.",
    nextStep: RELAUNCH,
  },
  unreachable: {
    title: 'The EHR could not be reached',
    explanation: "CoCM Registry could not contact the EHR's servers. The network may be down or the EHR may be unavailable.",
    nextStep: 'Check your connection, then open the app again from the EHR. If the problem continues, contact your EHR support desk.',
  },
  'no-patient': {
    title: 'No patient was selected',
    explanation: "The EHR gave CoCM Registry access to a single patient's record but did not say which patient.",
    nextStep: "Open the app from the patient's chart in the EHR.",
  },
  'untrusted-issuer': {
    title: "This EHR is not on CoCM Registry's trusted list",
    explanation:
      'The launch came from a FHIR server this installation of CoCM Registry has not been set up to trust, so the app stopped before contacting it. Nothing was read or sent.',
    nextStep:
      'If this is your organisation\'s EHR, ask your EHR administrator to add its FHIR address to "trustedIssuers" in CoCM Registry\'s config.json. Otherwise close this window.',
  },
  'session-ended': {
    title: 'Your EHR session has ended',
    explanation: 'The sign-in to the EHR expired and could not be renewed. Anything you typed and did not save is kept in this window.',
    nextStep: RELAUNCH,
  },
  config: {
    title: 'CoCM Registry is not set up correctly',
    explanation: "The app's settings for this EHR could not be used.",
    nextStep: 'Give the details below to your EHR administrator or the team that installed CoCM Registry.',
  },
};

export function launchProblem(kind: LaunchErrorKind, detail?: string): LaunchProblem {
  return { kind, ...TEXTS[kind], ...(detail ? { detail } : {}) };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : '';
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The error an authorization server sends back on the redirect (`error`, `error_description`). */
export function authorizationErrorFromUrl(params: URLSearchParams): LaunchProblem | undefined {
  const error = params.get('error');
  if (!error) return undefined;
  const detail = [error, params.get('error_description')].filter(Boolean).join(': ');
  return launchProblem(error === 'access_denied' ? 'denied' : 'auth-error', detail);
}

/** Sorts an error thrown by fhirclient's `authorize()` or `ready()`. */
export function classifyLaunchError(error: unknown): LaunchProblem {
  if (error instanceof Error && error.name === 'ConfigError') return launchProblem('config', error.message);
  if (error instanceof Error && error.name === 'UntrustedIssuerError') {
    const iss = error.message;
    return {
      ...launchProblem('untrusted-issuer', `FHIR server: ${iss}`),
      iss,
      nextStep: `If this is your organisation's EHR, ask your EHR administrator to add "${iss}" to "trustedIssuers" in CoCM Registry's config.json (the exact address, or a /regular expression/ that matches it). Otherwise close this window.`,
    };
  }
  const message = messageOf(error);
  if (/No 'state' parameter found|No server url found/i.test(message)) return launchProblem('no-launch');
  if (/No state found/i.test(message)) return launchProblem('state-expired');
  if (/^access_denied\b/.test(message)) return launchProblem('denied', message);
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) return launchProblem('token-failed', `${status} ${message}`.trim());
  if (/Failed to fetch|NetworkError|Load failed|ECONNREFUSED|well-known json/i.test(message) || (status !== undefined && status >= 500)) {
    return launchProblem('unreachable', message);
  }
  if (/access token/i.test(message)) return launchProblem('token-failed', message);
  if (/code challenge|S256/i.test(message)) return launchProblem('config', message);
  return launchProblem('auth-error', message || 'Unknown error');
}
