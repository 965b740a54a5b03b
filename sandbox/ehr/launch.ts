import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthDeps } from '../auth/deps.ts';
import { fhirBase } from '../auth/deps.ts';
import { esc } from '../http/html.ts';
import { page } from '../http/page.ts';
import { redirect, requestOrigin, sendHtml } from '../http/send.ts';

/** `user=Practitioner/ID` or a bare `ID`; undefined when absent. */
export function userParam(query: URLSearchParams): string | undefined {
  const raw = query.get('user');
  return raw ? raw.replace(/^Practitioner\//, '') : undefined;
}

/**
 * `GET /ehr/launch?patient=ID&user=Practitioner/ID`: what an EHR does when a user opens the
 * app: it records the launch context under an opaque id and sends the browser to the app's
 * launch URL with `iss` and `launch` (SMART EHR launch). No patient id appears in the URL.
 */
export function handleEhrLaunch(req: IncomingMessage, res: ServerResponse, query: URLSearchParams, deps: AuthDeps): void {
  const patient = query.get('patient') ?? undefined;
  if (patient && !deps.directory.patient(patient)) {
    sendHtml(res, 404, page('Launch error', `<h1>Launch error</h1><p class="error" role="alert">No patient with id ${esc(patient)}.</p>`));
    return;
  }
  const requested = userParam(query);
  if (requested && !deps.directory.practitioner(requested)) {
    sendHtml(res, 400, page('Launch error', `<h1>Launch error</h1><p class="error" role="alert">No practitioner with id ${esc(requested)}.</p>`));
    return;
  }
  const user = requested ?? deps.directory.defaultUser();
  if (!user) {
    sendHtml(res, 500, page('Launch error', '<h1>Launch error</h1><p class="error" role="alert">The sandbox has no practitioner to sign in as.</p>'));
    return;
  }
  const encounter = query.get('encounter') ?? undefined;
  const launch = deps.store.launches.put({
    ...(patient ? { patient } : {}),
    ...(encounter ? { encounter } : {}),
    user,
    expiresAt: deps.store.now() + deps.launchLifetimeSeconds * 1000,
  });
  const origin = requestOrigin(req);
  const target = new URL('/launch.html', origin);
  target.searchParams.set('iss', fhirBase(origin));
  target.searchParams.set('launch', launch);
  redirect(res, target.href);
}
