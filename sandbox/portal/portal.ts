import type { IncomingMessage, ServerResponse } from 'node:http';
import { issueCode } from '../auth/authorize.ts';
import { fhirBase, type AuthDeps } from '../auth/deps.ts';
import type { AuthorizationRequest } from '../auth/store.ts';
import { esc } from '../http/html.ts';
import { page } from '../http/page.ts';
import { redirect, requestOrigin, sendHtml } from '../http/send.ts';

/**
 * The sandbox's patient portal (`/portal/`): a patient "signs in" by picking who they are,
 * then opens the patient app by SMART standalone launch. The authorization server shares the
 * portal's sign-in (as a real portal's single sign-on does): a patient-facing client's
 * authorization finds the portal session and issues a patient-user code for that patient
 * only. The cookie is an opaque 256-bit handle; it carries no patient data.
 */
export const PORTAL_PATHS = { home: '/portal/', signIn: '/portal/sign-in', signOut: '/portal/sign-out' } as const;

const COOKIE = 'cocm_portal';
const SESSION_HOURS = 8;
const LIST_LIMIT = 100;

function sessionHandle(req: IncomingMessage): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

/** The patient signed in to the portal in this browser, if any. */
export function portalPatient(req: IncomingMessage, deps: AuthDeps): string | undefined {
  const patient = deps.store.portalSessions.get(sessionHandle(req))?.patient;
  return patient && deps.directory.patient(patient) ? patient : undefined;
}

/** Where the portal's "Fill in my questionnaires" goes: the patient app's standalone launch. */
export function patientAppLaunchUrl(origin: string): string {
  const url = new URL('/patient.html', origin);
  url.searchParams.set('iss', fhirBase(origin));
  return url.href;
}

/**
 * A patient-facing client's standalone authorization: with a portal session, a code for that
 * patient as the user; without one, the portal's sign-in first, which then resumes it.
 */
export function authorizePatientUser(req: IncomingMessage, res: ServerResponse, request: AuthorizationRequest, deps: AuthDeps): void {
  const patient = portalPatient(req, deps);
  if (patient) return issueCode(res, deps, request, { patient, user: patient, userType: 'Patient' });
  const pending = deps.store.pending.put({ ...request, expiresAt: deps.store.now() + 15 * 60 * 1000 });
  redirect(res, `${PORTAL_PATHS.home}?request=${encodeURIComponent(pending)}`);
}

/** `GET /portal/`: who is signed in, and the list of patients to sign in as. */
export function handlePortalPage(req: IncomingMessage, res: ServerResponse, query: URLSearchParams, deps: AuthDeps): void {
  const request = query.get('request') ?? '';
  const q = query.get('q') ?? '';
  const signedIn = portalPatient(req, deps);
  const me = signedIn ? deps.directory.patient(signedIn) : undefined;
  const patients = deps.directory.searchPatients(q, LIST_LIMIT);
  const hidden = request ? `<input type="hidden" name="request" value="${esc(request)}">` : '';
  const rows = patients
    .map(
      (p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.birthDate)}</td>
<td><button type="submit" form="sign-in" name="patient" value="${esc(p.id)}" aria-label="Sign in as ${esc(p.name)}">Sign in</button></td></tr>`,
    )
    .join('\n');
  const status = me
    ? `<section aria-label="Signed in" class="patient-header">
  <span>Signed in as <strong>${esc(me.name)}</strong></span>
  <a class="button" href="${esc(patientAppLaunchUrl(requestOrigin(req)))}">Fill in my questionnaires</a>
  <form method="post" action="${PORTAL_PATHS.signOut}"><button type="submit" class="secondary">Sign out</button></form>
</section>`
    : `<p class="note">${request ? 'An app asked you to sign in. ' : ''}Pick a patient to sign in as (synthetic patients; no password in the sandbox).</p>`;
  const body = `<h1>Patient portal</h1>
${status}
<form method="get" action="${PORTAL_PATHS.home}" class="row" role="search">
  ${hidden}
  <label for="q">Find a patient by name or MRN<input id="q" name="q" type="search" value="${esc(q)}" autocomplete="off"></label>
  <button type="submit">Search</button>
</form>
<form id="sign-in" method="post" action="${PORTAL_PATHS.signIn}">${hidden}</form>
<table>
<caption class="note">${patients.length === LIST_LIMIT ? `First ${LIST_LIMIT} patients; refine the search` : `${patients.length} patient${patients.length === 1 ? '' : 's'}`}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Birth date</th><th scope="col">Sign in</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  sendHtml(res, 200, page('Patient portal', body));
}

function cookie(value: string, maxAgeSeconds: number): string {
  return `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

/** `POST /portal/sign-in`: starts the portal session, then resumes a waiting authorization or opens the app. */
export function handlePortalSignIn(req: IncomingMessage, res: ServerResponse, form: Record<string, string>, deps: AuthDeps): void {
  const patient = form.patient ?? '';
  if (!deps.directory.patient(patient)) {
    sendHtml(res, 400, page('Sign-in error', '<h1>Sign-in error</h1><p class="error" role="alert">No such patient. Go back to the portal and pick one.</p>'));
    return;
  }
  const handle = deps.store.portalSessions.put({ patient, expiresAt: deps.store.now() + SESSION_HOURS * 3600 * 1000 });
  res.setHeader('Set-Cookie', cookie(handle, SESSION_HOURS * 3600));
  const pending = form.request ? deps.store.pending.get(form.request) : undefined;
  if (pending && deps.clients.patientFacing(pending.clientId)) {
    deps.store.pending.delete(form.request!);
    const { expiresAt: _expiresAt, ...request } = pending;
    return issueCode(res, deps, request, { patient, user: patient, userType: 'Patient' });
  }
  redirect(res, patientAppLaunchUrl(requestOrigin(req)));
}

/** `POST /portal/sign-out`: ends the portal session (tokens already issued run out on their own). */
export function handlePortalSignOut(req: IncomingMessage, res: ServerResponse, deps: AuthDeps): void {
  const handle = sessionHandle(req);
  if (handle) deps.store.portalSessions.delete(handle);
  res.setHeader('Set-Cookie', cookie('', 0));
  redirect(res, PORTAL_PATHS.home);
}
