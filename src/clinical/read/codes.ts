import { INSTRUMENTS, LOINC_SYSTEM, PHQ9_DIFFICULTY } from '../instruments/definitions.ts';
import { SNOMED_SYSTEM } from '../treatment/codes/systems.ts';
import type { InstrumentId } from '../instruments/types.ts';

/** PHQ-2 is part of the PHQ-9 and GAD-2 part of the GAD-7: items are shared per family. */
export type Family = 'phq' | 'gad';

export const FAMILY_OF: Readonly<Record<InstrumentId, Family>> = { phq2: 'phq', phq9: 'phq', gad2: 'gad', gad7: 'gad' };
export const FULL_INSTRUMENT: Readonly<Record<Family, InstrumentId>> = { phq: 'phq9', gad: 'gad7' };
export const SCREENER: Readonly<Record<Family, InstrumentId>> = { phq: 'phq2', gad: 'gad2' };

export type CodeRole =
  | { readonly role: 'panel'; readonly instrument: InstrumentId }
  | { readonly role: 'total'; readonly instrument: InstrumentId }
  | { readonly role: 'item'; readonly family: Family; readonly itemNumber: number }
  | { readonly role: 'difficulty' };

const ROLES = new Map<string, CodeRole>();
for (const def of Object.values(INSTRUMENTS)) {
  if (def.panelCode) ROLES.set(def.panelCode, { role: 'panel', instrument: def.id });
  if (def.totalCode) ROLES.set(def.totalCode, { role: 'total', instrument: def.id });
  if (def.id === 'phq9' || def.id === 'gad7') {
    for (const item of def.items) {
      ROLES.set(item.loinc, { role: 'item', family: FAMILY_OF[def.id], itemNumber: item.number });
    }
  }
}
ROLES.set(PHQ9_DIFFICULTY.loinc, { role: 'difficulty' });

const LOINC_CODE = /^\d{1,7}-\d$/;

export function isLoincCode(code: string): boolean {
  return LOINC_CODE.test(code);
}

/** SNOMED CT total concepts -> the instrument's LOINC total, so one code path reads both. */
const LOINC_FOR_SNOMED = new Map<string, string>();
for (const def of Object.values(INSTRUMENTS)) {
  if (def.totalCode) for (const code of def.snomedTotalCodes) LOINC_FOR_SNOMED.set(code, def.totalCode);
}

/**
 * The LOINC codes of a list of codings. Codings without a system are accepted when their code
 * is LOINC-shaped (local forms do that); a SNOMED CT total we know (PHQ-9 720433000) counts
 * as its LOINC equivalent, since some EHRs code totals only in SNOMED CT.
 */
export function loincCodes(codings: unknown): string[] {
  if (!Array.isArray(codings)) return [];
  const out: string[] = [];
  for (const c of codings) {
    if (!c || typeof c !== 'object') continue;
    const { system, code } = c as { system?: unknown; code?: unknown };
    if (typeof code !== 'string') continue;
    if (system === LOINC_SYSTEM || system === 'https://loinc.org' || (system === undefined && isLoincCode(code))) {
      out.push(code.trim());
    } else if (system === SNOMED_SYSTEM) {
      const loinc = LOINC_FOR_SNOMED.get(code.trim());
      if (loinc) out.push(loinc);
    }
  }
  return out;
}

/** Each known code with its role, made once: every record asks, and the answer is read-only. */
const FOUND = new Map<string, { readonly code: string; readonly role: CodeRole }>([...ROLES].map(([code, role]) => [code, { code, role }]));

/** First known role among a list of LOINC codes (an item may carry several codings). */
export function roleOfCodes(codes: readonly string[]): { readonly code: string; readonly role: CodeRole } | undefined {
  for (const code of codes) {
    const found = FOUND.get(code);
    if (found) return found;
  }
  return undefined;
}

/**
 * LOINC code carried by a linkId: '44250-9', '/44250-9' (US Core), '/44249-1/44250-9'
 * (LHC-Forms). Only the last path segment counts, and only when it is exactly a LOINC code.
 */
export function loincFromLinkId(linkId: string | undefined): string | undefined {
  if (typeof linkId !== 'string') return undefined;
  // Forms repeat the same few dozen linkIds: remember the answers (bounded).
  if (linkIdCodes.has(linkId)) return linkIdCodes.get(linkId);
  const code = parseLinkId(linkId);
  if (linkIdCodes.size >= 5000) linkIdCodes.clear();
  linkIdCodes.set(linkId, code);
  return code;
}

const linkIdCodes = new Map<string, string | undefined>();

function parseLinkId(linkId: string): string | undefined {
  const last = linkId
    .trim()
    .split('/')
    .filter((s) => s.length > 0)
    .pop();
  return last !== undefined && isLoincCode(last) ? last : undefined;
}
