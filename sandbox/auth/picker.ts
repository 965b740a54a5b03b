import type { IncomingMessage, ServerResponse } from 'node:http';
import { esc } from '../http/html.ts';
import { page } from '../http/page.ts';
import { sendHtml } from '../http/send.ts';
import { errorRedirect, issueCode } from './authorize.ts';
import { AUTH_PATHS, type AuthDeps } from './deps.ts';

/**
 * Standalone launch with `launch/patient`: the sandbox asks which patient (or none), like a
 * real EHR's patient picker, and offers "Deny" so the app's access_denied path can be tried.
 */
export function handlePickPage(_req: IncomingMessage, res: ServerResponse, query: URLSearchParams, deps: AuthDeps): void {
  const requestId = query.get('request') ?? '';
  const pending = deps.store.pending.get(requestId);
  if (!pending) {
    sendHtml(res, 400, page('Sign-in error', '<h1>Sign-in error</h1><p class="error" role="alert">This sign-in request is unknown or has expired. Start the app again.</p>'));
    return;
  }
  const q = query.get('q') ?? '';
  const patients = deps.directory.searchPatients(q, 50);
  const defaultUser = deps.directory.defaultUser();
  const users = deps.directory
    .practitioners()
    .map((p) => `<option value="${esc(p.id)}"${p.id === defaultUser ? ' selected' : ''}>${esc(p.name)} (${esc(p.role)})</option>`)
    .join('');
  const hidden = `<input type="hidden" name="request" value="${esc(requestId)}">`;
  const rows = patients
    .map(
      (p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.mrn)}</td><td>${esc(p.birthDate)}</td><td>${esc(p.gender)}</td>
<td><button type="submit" form="decide" name="patient" value="${esc(p.id)}" aria-label="Choose ${esc(p.name)}">Choose</button></td></tr>`,
    )
    .join('\n');
  const body = `<h1>Choose a patient for CoCM Registry</h1>
<p class="note">The app asked for a patient context (standalone launch). Pick one, continue without one, or deny access.</p>
<form method="get" action="${AUTH_PATHS.pick}" class="row" role="search">
  ${hidden}
  <label for="q">Search patients by name or MRN<input id="q" name="q" type="search" value="${esc(q)}"></label>
  <button type="submit">Search</button>
</form>
<form id="decide" method="post" action="${AUTH_PATHS.decide}">
  ${hidden}
  <div class="row">
    <label for="user">Signed in as<select id="user" name="user">${users}</select></label>
    <button type="submit" name="action" value="none" class="secondary">Continue without a patient</button>
    <button type="submit" name="action" value="deny" class="danger">Deny</button>
  </div>
</form>
<table>
<caption class="note">${patients.length} patient${patients.length === 1 ? '' : 's'} shown${patients.length === 50 ? ' (first 50; refine the search)' : ''}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">MRN</th><th scope="col">Birth date</th><th scope="col">Sex</th><th scope="col"><span class="note">Action</span></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  sendHtml(res, 200, page('Choose a patient', body));
}

/** The picker's answer: a form POST with request, user, and patient or action=none|deny. */
export function handleDecide(_req: IncomingMessage, res: ServerResponse, form: Record<string, string>, deps: AuthDeps): void {
  const requestId = form.request ?? '';
  const pending = deps.store.pending.get(requestId);
  if (!pending) {
    sendHtml(res, 400, page('Sign-in error', '<h1>Sign-in error</h1><p class="error" role="alert">This sign-in request is unknown or has expired. Start the app again.</p>'));
    return;
  }
  deps.store.pending.delete(requestId);
  if (form.action === 'deny') {
    errorRedirect(res, pending.redirectUri, 'access_denied', 'the user denied access', pending.state);
    return;
  }
  const user = form.user && deps.directory.practitioner(form.user) ? form.user : deps.directory.defaultUser();
  if (!user) {
    errorRedirect(res, pending.redirectUri, 'server_error', 'the sandbox has no practitioner to sign in as', pending.state);
    return;
  }
  const { expiresAt: _expiresAt, ...request } = pending;
  if (form.patient && form.action !== 'none') {
    if (!deps.directory.patient(form.patient)) {
      errorRedirect(res, pending.redirectUri, 'invalid_request', 'the chosen patient does not exist', pending.state);
      return;
    }
    issueCode(res, deps, request, { patient: form.patient, user });
    return;
  }
  // No patient chosen: launch/patient cannot be honoured, so it leaves the grant.
  const grant = { ...request.grant, launchPatient: false, scopes: request.grant.scopes.filter((s) => s !== 'launch/patient') };
  issueCode(res, deps, { ...request, grant }, { user });
}
