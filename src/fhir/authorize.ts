// The browser entry explicitly: the package's main entry is its Node (server-side) adapter.
import FHIR from 'fhirclient/lib/entry/browser';
import { loadRuntimeConfig, requireTrustedIssuer, settingsForIssuer } from '../config/runtimeConfig';
import { requestedScopes } from './scopes';

/**
 * Starts the SMART authorization for a launch URL. Throws `missing-iss` when the page was
 * opened without an issuer (nothing to launch against), UntrustedIssuerError when the issuer
 * is not on config.json's `trustedIssuers`. With `redirect: false` it returns the
 * authorization URL instead of navigating (for tests).
 */
export async function authorize(launchUrl: URL, { redirect = true }: { redirect?: boolean } = {}): Promise<string | void> {
  const iss = launchUrl.searchParams.get('iss');
  if (!iss) throw new Error('missing-iss');
  const launch = launchUrl.searchParams.get('launch') ?? undefined;
  const config = await loadRuntimeConfig();
  // Before discovery: an untrusted server hears nothing from us, not even a metadata request.
  requireTrustedIssuer(config, iss, launchUrl.href);
  const settings = settingsForIssuer(config, iss);
  return FHIR.oauth2.authorize({
    noRedirect: !redirect,
    iss,
    ...(launch ? { launch } : {}),
    clientId: settings.clientId,
    scope: requestedScopes(settings, launch ? 'ehr' : 'standalone'),
    redirectUri: settings.redirectUri ?? new URL('index.html', launchUrl).href,
    // PKCE with S256 only: a server that does not offer S256 is refused rather than
    // silently downgraded.
    pkceMode: 'required',
    // Inside an EHR iframe the whole sign-in completes in the frame; no pop-ups.
    completeInTarget: true,
  });
}
