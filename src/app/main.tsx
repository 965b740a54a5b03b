import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getSession } from '../fhir/session';
import { styleNonce } from '../shared/styleNonce';
import { theme } from './theme';

// The token exchange starts now, not from the first render's effect: React's first render (the
// "Signing in" screen) then runs while the token is on its way (about 40 ms sooner to the
// first FHIR request here). useSessionState takes the same promise and handles its failure.
getSession().catch(() => undefined);

const root = document.getElementById('root');
// MUI's styles go in through emotion: its <style> elements carry the page's CSP nonce.
const nonce = styleNonce();
const styleCache = createCache({ key: 'css', ...(nonce ? { nonce } : {}) });
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CacheProvider value={styleCache}>
        <ThemeProvider theme={theme}>
          <CssBaseline />
          <App />
        </ThemeProvider>
      </CacheProvider>
    </StrictMode>,
  );
}
