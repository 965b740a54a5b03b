import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { styleNonce } from '../shared/styleNonce';
import { startSignIn } from './startSignIn';
import { theme } from './theme';

// The token exchange and the registry's prefetch module start now, not from the first render's
// effect (startSignIn.ts).
startSignIn();

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
