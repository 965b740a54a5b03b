/**
 * What the app may write to this EHR, per resource type and, where the EHR limits it, per
 * code or category. Three sources, in order of strength: what a write just taught us (a
 * refusal), the scopes granted in the token response, and the CapabilityStatement.
 */
import type { Coding } from '@medplum/fhirtypes';

/** One kind of resource the app wants to write, with the codes an EHR may filter on. */
export interface WriteTarget {
  resourceType: string;
  /** Observation.category codings of what will be written. */
  categories?: readonly Coding[];
  /** The resource's code codings (Observation.code, Flag.code). */
  codes?: readonly Coding[];
  /** Words for the user: 'PHQ-9 total score'. */
  label?: string;
}

export type RefusalSource =
  /** The CapabilityStatement does not offer it. */
  | 'server'
  /** The token response did not grant the scope. */
  | 'sign-in'
  /** A write in this session was refused (403, 404, 405, 422). */
  | 'learned';

export type WriteVerdict =
  | { status: 'allowed' }
  /** Not known yet (still checking) or not knowable (no CapabilityStatement): try, and learn. */
  | { status: 'unknown'; reason: string }
  | { status: 'not-allowed'; source: RefusalSource; reason: string };

/** A system|code pair as written in a CapabilityStatement; no system matches any system. */
export interface CodeKey {
  system?: string;
  code: string;
}

/** The EHR accepts creates of this type only when the resource matches one of these. */
export interface CreateLimit {
  categories: CodeKey[];
  codes: CodeKey[];
}

export interface ResourceWriteRules {
  create: boolean;
  update: boolean;
  /** Whether If-None-Exist is honoured; undefined when the server did not say. */
  conditionalCreate: boolean | undefined;
  createLimit?: CreateLimit;
}

export interface ServerWriteRules {
  /** Keyed by resource type; a type absent here is not offered by the server at all. */
  resources: ReadonlyMap<string, ResourceWriteRules>;
  /** `transaction` offered at the system level. */
  transaction: boolean;
  /** `batch` offered at the system level: several reads in one request (src/fhir/reads/batchedSearches.ts). */
  batch: boolean;
}
