import FHIR from 'fhirclient';
import { loadRuntimeConfig, settingsForIssuer } from '../config/runtimeConfig';
import { requestedScopes } from './scopes';

/**
 * Starts the SMART authorization for a launch URL. Throws `missing-iss` when the page was
 * opened without an issuer (nothing to launch against).
 */
export async function authorize(launchUrl: URL): Promise<void> {
  const iss = launchUrl.searchParams.get('iss');
  if (!iss) throw new Error('missing-iss');
  const launch = launchUrl.searchParams.get('launch') ?? undefined;
  const config = await loadRuntimeConfig();
  const settings = settingsForIssuer(config, iss);
  await FHIR.oauth2.authorize({
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
