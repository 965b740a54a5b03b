import { esc } from './html.ts';

/**
 * The sandbox pages' stylesheet and script, served as files (`/ehr/sandbox.css`,
 * `/ehr/sandbox.js`) so the pages' Content-Security-Policy allows no inline style or script.
 */
export const PAGE_CSS = `  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f4f5f7; }
  header.sandbox { background: #5b2c83; color: #fff; padding: .5rem 1rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
  header.sandbox a { color: #fff; }
  header.sandbox .tag { font-weight: 700; letter-spacing: .02em; }
  main { padding: 1rem; max-width: 72rem; margin: 0 auto; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #d8dbe0; }
  th { background: #eceef2; }
  .row { display: flex; gap: .75rem; align-items: end; flex-wrap: wrap; margin: .75rem 0; }
  label { display: flex; flex-direction: column; font-weight: 600; gap: .2rem; }
  input, select, button { font: inherit; padding: .3rem .5rem; }
  button, .button { background: #1f5fa8; color: #fff; border: 0; border-radius: 4px; padding: .4rem .8rem; text-decoration: none; cursor: pointer; display: inline-block; }
  button.secondary { background: #5f6b7a; }
  button.danger { background: #a32020; }
  .note { color: #4a5360; }
  .error { background: #fde8e8; border: 1px solid #a32020; padding: .75rem; }
  .patient-header { background: #fff; border: 1px solid #d8dbe0; padding: .5rem 1rem; display: flex; gap: 2rem; flex-wrap: wrap; }
  iframe.app { width: 100%; height: calc(100vh - 9rem); min-height: 40rem; border: 1px solid #b9bec7; background: #fff; }
  main.wide { max-width: none; }
  .visually-hidden { position: absolute; left: -9999px; }
  :focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
`;

/** Any `<select data-autosubmit>` submits its form on change (the EHR's "Signed in as"). */
export const PAGE_JS = `for (const select of document.querySelectorAll('select[data-autosubmit]')) select.addEventListener('change', () => select.form.submit());
`;

/**
 * The frame of every sandbox HTML page. The banner says "Sandbox EHR" on every page so that
 * nobody mistakes it for a real record system.
 */
export function page(title: string, body: string, options: { wide?: boolean } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)} · Sandbox EHR</title>
<link rel="stylesheet" href="/ehr/sandbox.css">
<script src="/ehr/sandbox.js" defer></script>
</head>
<body>
<header class="sandbox"><span class="tag">Sandbox EHR</span><span>Synthetic data only: not a real record system</span><a href="/ehr/">Patient list</a><a href="/portal/">Patient portal</a></header>
<main${options.wide ? ' class="wide"' : ''}>
${body}
</main>
</body>
</html>`;
}
