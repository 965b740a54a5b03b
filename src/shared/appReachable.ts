/**
 * Whether the app's own server answers now, asked when a retry of a chunk that failed to load
 * fails again (deferredPart). Any answer under 500 counts (a 404 still says the server is
 * there); no answer, or a 5xx from a gateway, says the connection is still down. The request
 * names the app's folder only: no patient, no launch parameter.
 */
export function appReachable(): Promise<boolean> {
  return fetch('.', { cache: 'no-store' }).then(
    (response) => response.status < 500,
    () => false,
  );
}
