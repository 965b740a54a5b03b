/**
 * The style nonce of this page load, for the `<style>` elements emotion (MUI) inserts: the
 * Content-Security-Policy allows styles from the app's origin and those carrying this nonce
 * only (docs/security.md). The server puts it in `<meta property="csp-nonce">`; the browser
 * hides the attribute's value from getAttribute, but the `nonce` property keeps it.
 */
export function styleNonce(doc: Document = document): string | undefined {
  const meta = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || undefined;
  // An unreplaced build placeholder (a static host without the server's rewrite) is no nonce.
  return nonce && nonce !== 'CSP_NONCE_PLACEHOLDER' ? nonce : undefined;
}
