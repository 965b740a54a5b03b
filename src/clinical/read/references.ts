/** A stable key for a resource: 'Type/id', or a content hash when the id is missing. */
export function referenceOf(resource: { resourceType?: string; id?: string }): string {
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource';
  if (typeof resource.id === 'string' && resource.id.length > 0) return `${type}/${resource.id}`;
  // Without an id the reference must still not depend on input order, so hash the content.
  return `${type}/(no id ${hashString(stableJson(resource))})`;
}

/** JSON with object keys sorted, so equal resources serialize equally. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** FNV-1a, 32 bit, as an unsigned number: stable on every machine and run; not for security. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** FNV-1a, 32 bit, hex: short and deterministic; not for security. */
export function hashString(text: string): string {
  return fnv1a(text).toString(16).padStart(8, '0');
}

/**
 * Normalizes a reference string to 'Type/id' so 'https://ehr/fhir/Observation/1/_history/2'
 * and 'Observation/1' match.
 */
export function normalizeReference(ref: string | undefined): string | undefined {
  if (typeof ref !== 'string' || ref.length === 0) return undefined;
  if (ref.startsWith('#')) return ref;
  if (isPlainReference(ref)) return ref;
  const withoutHistory = ref.replace(/\/_history\/[^/]+$/, '');
  const m = /([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(withoutHistory);
  return m ? `${m[1]}/${m[2]}` : ref;
}

/**
 * 'Type/id' already (letters, one slash, 1-64 id characters): what normalizeReference's
 * regexes would give back unchanged, checked without them (references are read per record).
 */
function isPlainReference(ref: string): boolean {
  const slash = ref.indexOf('/');
  const idLength = ref.length - slash - 1;
  if (slash < 1 || idLength < 1 || idLength > 64) return false;
  for (let i = 0; i < slash; i++) {
    const c = ref.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  for (let i = slash + 1; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const letter = (c | 32) >= 97 && (c | 32) <= 122;
    if (!letter && !(c >= 48 && c <= 57) && c !== 45 && c !== 46) return false;
  }
  return true;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
