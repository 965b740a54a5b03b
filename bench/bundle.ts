/**
 * Download size: what the browser must fetch before the first screen (index.html's entry
 * chunk, its static imports and their CSS), the launch page's, and every lazy chunk, gzip
 * level 9 like a typical static server. Read from Vite's manifest of the bench build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './build.ts';
import { type Figure } from './print.ts';
import { bytesBySourceGroup } from './sourceMap.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Folders whose code the issue wants out of the first screen (loaded on demand). */
export const LAZY_FEATURES = ['src/screening', 'src/caseload', 'src/billing'] as const;

function gzipBytes(appDir: string, file: string): number {
  return gzipSync(readFileSync(join(appDir, file)), { level: 9 }).length;
}

/** The chunk keys loaded with `key` before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key) || !manifest[key]) return into;
  into.add(key);
  for (const dep of manifest[key].imports ?? []) staticClosure(manifest, dep, into);
  return into;
}

interface Loaded {
  js: string[];
  css: string[];
}

function filesOf(manifest: Manifest, keys: Iterable<string>): Loaded {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key]!;
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    else if (chunk.file.endsWith('.css')) css.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
  }
  return { js: [...js], css: [...css] };
}

function sum(appDir: string, files: readonly string[]): number {
  return files.reduce((total, f) => total + gzipBytes(appDir, f), 0);
}

/** Top source groups of the initial JS and which lazy-feature folders leaked into it. */
function initialComposition(appDir: string, files: readonly string[]): { top: Record<string, number>; leakedFeatures: Record<string, number> } {
  const totals = new Map<string, number>();
  for (const file of files) {
    if (!existsSync(join(appDir, `${file}.map`))) continue;
    for (const { group, bytes } of bytesBySourceGroup(join(appDir, file), ROOT)) totals.set(group, (totals.get(group) ?? 0) + bytes);
  }
  const sorted = [...totals].sort((a, b) => b[1] - a[1]);
  const top = Object.fromEntries(sorted.slice(0, 10).map(([g, b]) => [g, b]));
  const leakedFeatures = Object.fromEntries(sorted.filter(([g]) => (LAZY_FEATURES as readonly string[]).includes(g)));
  return { top, leakedFeatures };
}

export function measureBundle(appDir: string): Figure[] {
  const manifestPath = join(appDir, '.vite/manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (!manifest['index.html'] || !manifest['launch.html']) throw new Error(`${manifestPath} lacks the index.html or launch.html entry`);
  const initialKeys = staticClosure(manifest, 'index.html');
  const initial = filesOf(manifest, initialKeys);
  const launchPage = filesOf(manifest, staticClosure(manifest, 'launch.html'));
  const composition = initialComposition(appDir, initial.js);
  const initialJs = sum(appDir, initial.js);
  const initialCss = sum(appDir, initial.css);
  const figures: Figure[] = [
    {
      name: 'initial_js_gzip_bytes',
      value: initialJs,
      unit: 'bytes',
      files: initial.js,
      // Minified (pre-gzip) bytes per package or app folder: what to cut first.
      largest_sources_minified_bytes: composition.top,
      // Code of the lazily loaded features that is still in the first download (minified bytes).
      lazy_features_in_initial: composition.leakedFeatures,
    },
    { name: 'initial_css_gzip_bytes', value: initialCss, unit: 'bytes', files: initial.css, note: 'MUI styles are emitted by emotion at run time, inside the JS' },
    { name: 'launch_page_js_css_gzip_bytes', value: sum(appDir, [...launchPage.js, ...launchPage.css]), unit: 'bytes', files: [...launchPage.js, ...launchPage.css] },
  ];
  const lazyKeys = Object.keys(manifest).filter((k) => manifest[k]!.isDynamicEntry);
  let chartChunk = 0;
  for (const key of lazyKeys) {
    // A lazy chunk costs its own file plus any shared chunk not already loaded at start.
    const own = filesOf(
      manifest,
      [...staticClosure(manifest, key)].filter((k) => !initialKeys.has(k)),
    );
    const bytes = sum(appDir, [...own.js, ...own.css]);
    if (key.endsWith('TrajectoryChart.tsx')) chartChunk = bytes;
    figures.push({ name: 'lazy_chunk_gzip_bytes', value: bytes, unit: 'bytes', chunk: manifest[key]!.name ?? key, src: key, files: [...own.js, ...own.css] });
  }
  // The patient view's chart needs its lazy chunk too: the first screen a PCP actually sees.
  figures.push({ name: 'patient_view_js_css_gzip_bytes', value: initialJs + initialCss + chartChunk, unit: 'bytes', note: 'initial JS + CSS + the trajectory chart chunk' });
  return figures;
}
