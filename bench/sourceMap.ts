/**
 * Which sources a built chunk's bytes come from, read from its source map: each mapping
 * segment's generated text is charged to its original file, then grouped by npm package or
 * by app folder. Minified (not gzip) bytes; enough to see what makes a chunk large.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one segment's base64 VLQ fields. */
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`bad VLQ character ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** `node_modules/@mui/material/...` -> `@mui/material`; `src/patient/x.tsx` -> `src/patient`. */
export function groupOf(path: string): string {
  const parts = path.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) {
    const name = parts[nm + 1] ?? '?';
    return name.startsWith('@') ? `${name}/${parts[nm + 2] ?? '?'}` : name;
  }
  if (parts[0] === 'src' && parts.length > 2) return `src/${parts[1]}`;
  return parts.length > 1 ? parts.slice(0, -1).join('/') : path;
}

interface RawSourceMap {
  sources: string[];
  mappings: string;
  sourceRoot?: string;
}

/** Characters of `chunkFile` per source group (paths relative to `root`), largest first. */
export function bytesBySourceGroup(chunkFile: string, root: string): Array<{ group: string; bytes: number }> {
  const code = readFileSync(chunkFile, 'utf8');
  const map = JSON.parse(readFileSync(`${chunkFile}.map`, 'utf8')) as RawSourceMap;
  const mapDir = dirname(chunkFile);
  const groups = map.sources.map((s) =>
    groupOf(
      relative(root, resolve(mapDir, map.sourceRoot ?? '', s))
        .split('\\')
        .join('/'),
    ),
  );
  const lines = code.split('\n');
  const totals = new Map<string, number>();
  let sourceIndex = 0;
  map.mappings.split(';').forEach((lineMappings, lineNo) => {
    const lineLength = lines[lineNo]?.length ?? 0;
    let column = 0;
    const segments: Array<{ column: number; source: number | undefined }> = [];
    for (const segment of lineMappings.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        sourceIndex += fields[1] ?? 0;
        segments.push({ column, source: sourceIndex });
        // fields[2], [3] (original line/column) and [4] (name) are relative too, but unused.
      } else {
        segments.push({ column, source: undefined });
      }
    }
    segments.forEach((seg, i) => {
      const end = segments[i + 1]?.column ?? lineLength;
      const group = seg.source === undefined ? '(generated)' : (groups[seg.source] ?? '(unknown)');
      totals.set(group, (totals.get(group) ?? 0) + Math.max(0, end - seg.column));
    });
  });
  return [...totals].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes);
}
