/**
 * One answer per write target: may the app create it here? Pure, so every combination of
 * CapabilityStatement, granted scopes and learned refusals is tested without a server.
 */
import type { Coding } from '@medplum/fhirtypes';
import { readableType } from '../fhirError';
import type { GrantedScopes } from '../scopes';
import type { CodeKey, CreateLimit, ServerWriteRules, WriteTarget, WriteVerdict } from './types';

export type MetadataState =
  | { status: 'loading' }
  | { status: 'loaded'; rules: ServerWriteRules }
  /** No usable CapabilityStatement: writes are tried and the answer learned. */
  | { status: 'failed' };

export interface LearnedRefusal {
  reason: string;
}

const CATEGORY_WORDS: Record<string, string> = {
  'vital-signs': 'vital signs',
  laboratory: 'laboratory results',
  survey: 'questionnaire scores',
  'social-history': 'social history',
  exam: 'exam findings',
  imaging: 'imaging results',
  procedure: 'procedure results',
  therapy: 'therapy results',
  activity: 'activity results',
};

export function targetWords(target: WriteTarget): string {
  return target.label ?? readableType(target.resourceType);
}

function matches(codings: readonly Coding[] | undefined, keys: readonly CodeKey[]): boolean {
  return (codings ?? []).some((c) => keys.some((k) => k.code === c.code && (k.system === undefined || k.system === c.system)));
}

function listWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function limitReason(limit: CreateLimit, target: WriteTarget): string {
  const what = targetWords(target);
  if (limit.codes.length === 0 && limit.categories.length > 0) {
    const kinds = [...new Set(limit.categories.map((k) => CATEGORY_WORDS[k.code] ?? k.code))];
    return `This EHR accepts only ${listWords(kinds)} from apps, so it will not take the ${what}.`;
  }
  if (limit.codes.length === 0) return `This EHR does not accept the ${what} from apps.`;
  return `This EHR accepts results from apps only for the rows your organization has set up for them, and the ${what} is not one of them.`;
}

/** Keys under which a refusal is remembered: the whole type, or the type and its code. */
export function typeKey(resourceType: string): string {
  return resourceType;
}

export function targetKey(target: WriteTarget): string {
  const first = target.codes?.[0];
  return first ? `${target.resourceType}|${first.system ?? ''}|${first.code ?? ''}` : target.resourceType;
}

/** True when the token carries no data scopes at all: some EHRs omit `scope`, so we cannot tell. */
function scopesUnknown(granted: GrantedScopes): boolean {
  return !/(^|\s)(patient|user|system)\//.test(granted.raw);
}

export function writeVerdict(target: WriteTarget, granted: GrantedScopes, metadata: MetadataState, learned: ReadonlyMap<string, LearnedRefusal>): WriteVerdict {
  const refusal = learned.get(typeKey(target.resourceType)) ?? learned.get(targetKey(target));
  if (refusal) return { status: 'not-allowed', source: 'learned', reason: refusal.reason };

  const scopeKnown = !scopesUnknown(granted);
  if (scopeKnown && !granted.can(target.resourceType, 'c')) {
    return { status: 'not-allowed', source: 'sign-in', reason: `Your sign-in does not allow the app to save ${readableType(target.resourceType)} in this EHR.` };
  }

  if (metadata.status === 'loading') return { status: 'unknown', reason: 'The app is still checking what this EHR accepts.' };
  if (metadata.status === 'failed') return { status: 'unknown', reason: 'This EHR did not say what apps may save; the app will try and tell you what happened.' };

  const rules = metadata.rules.resources.get(target.resourceType);
  if (!rules || !rules.create) {
    return { status: 'not-allowed', source: 'server', reason: `This EHR does not accept ${readableType(target.resourceType)} from apps.` };
  }
  const limit = rules.createLimit;
  if (limit && !matches(target.categories, limit.categories) && !matches(target.codes, limit.codes)) {
    return { status: 'not-allowed', source: 'server', reason: limitReason(limit, target) };
  }
  if (!scopeKnown) return { status: 'unknown', reason: 'The EHR did not say which permissions your sign-in has; the app will try and tell you what happened.' };
  return { status: 'allowed' };
}
