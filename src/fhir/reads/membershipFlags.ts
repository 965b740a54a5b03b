/**
 * The registry's membership Flags across patients: the caseload's and the billing report's
 * index of who is (or was) enrolled. R4 Flag has no `code` search parameter, so a server that
 * follows R4 ignores `Flag?code=` and answers with every Flag it holds (safety flags, review
 * requests, other apps' flags), saying so in an OperationOutcome warning in the Bundle. The
 * code is therefore always checked here on the client, and the warning is read so that
 * callers know the server's answer was not filtered (and word a page cap accordingly).
 */
import type { Flag, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { ENROLLED_FLAG, hasCoding, tokenOf } from '../../clinical/enrollment/codes';
import type { FhirApi } from '../fhirApi';
import { REQUESTED_PAGE_SIZE } from './caseloadBatch';

export interface MembershipSearch {
  /** Flags coded as registry membership, any status. */
  flags: Flag[];
  truncated: boolean;
  /** Search parameters the server said it ignored (e.g. `code` on an R4 server). */
  ignoredByServer: string[];
}

/**
 * The parameter names an OperationOutcome in a search Bundle says the server ignored. Servers
 * word it differently (`ignored unsupported search parameters: code`, HAPI's
 * `Unknown search parameter "code"`), so this reads the names of the parameters we sent
 * from the warning's text.
 */
export function ignoredParameters(included: readonly Resource[], sent: readonly string[]): string[] {
  const ignored = new Set<string>();
  for (const resource of included) {
    if (resource.resourceType !== 'OperationOutcome') continue;
    for (const issue of (resource as OperationOutcome).issue ?? []) {
      if (issue.severity === 'error' || issue.severity === 'fatal') continue;
      const text = `${issue.diagnostics ?? ''} ${issue.details?.text ?? ''}`;
      if (!/ignor|unknown|unsupported|not supported/i.test(text)) continue;
      for (const name of sent) if (new RegExp(`(^|[^\\w-])${name.replace(/[$]/g, '\\$&')}($|[^\\w-])`).test(text)) ignored.add(name);
    }
  }
  return [...ignored];
}

export function isMembershipFlag(flag: Flag): boolean {
  return hasCoding(flag.code?.coding, ENROLLED_FLAG);
}

/**
 * Every membership Flag, page by page (`onPage` gets each page's membership Flags at once, so
 * their patients can be read before the last page arrives).
 */
export async function searchMembershipFlags(api: FhirApi, options: { maxPages: number; signal?: AbortSignal; onPage?: (flags: Flag[]) => void }): Promise<MembershipSearch> {
  // Asked in the largest pages servers give: each page is a network wait before the next.
  const params = { code: tokenOf(ENROLLED_FLAG), _count: String(REQUESTED_PAGE_SIZE) };
  const result = await api.search<Flag>('Flag', params, {
    maxPages: options.maxPages,
    ...(options.signal ? { signal: options.signal } : {}),
    onPage: (flags) => options.onPage?.(flags.filter(isMembershipFlag)),
  });
  return { flags: result.resources.filter(isMembershipFlag), truncated: result.truncated, ignoredByServer: ignoredParameters(result.included, Object.keys(params)) };
}
