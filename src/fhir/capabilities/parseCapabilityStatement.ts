/**
 * Reads the write rules out of a CapabilityStatement: per resource type, whether `create`
 * and `update` are offered, whether conditional create is, and any limit on which
 * Observations (or other resources) a create may carry. That limit is advertised with the
 * extension below, because real EHRs accept Observations only for some categories or codes
 * (Oracle Health: vital signs and laboratory; Epic: rows the site has mapped) and R4 has no
 * element that says so. docs/fhir-mapping.md documents the shape.
 */
import type { CapabilityStatement, CapabilityStatementRestResource, Extension } from '@medplum/fhirtypes';
import type { CodeKey, CreateLimit, ResourceWriteRules, ServerWriteRules } from './types';

export const CREATE_LIMIT_EXTENSION = 'urn:cocm-registry:capability:create-limited-to';

function codeKeyOf(extension: Extension): CodeKey | undefined {
  const coding = extension.valueCoding;
  if (coding?.code) return { ...(coding.system ? { system: coding.system } : {}), code: coding.code };
  const code = extension.valueCode ?? extension.valueString;
  return code ? { code } : undefined;
}

export function readCreateLimit(resource: CapabilityStatementRestResource): CreateLimit | undefined {
  const limit = resource.extension?.find((e) => e.url === CREATE_LIMIT_EXTENSION);
  if (!limit) return undefined;
  const categories: CodeKey[] = [];
  const codes: CodeKey[] = [];
  for (const part of limit.extension ?? []) {
    const key = codeKeyOf(part);
    if (!key) continue;
    if (part.url === 'category') categories.push(key);
    else if (part.url === 'code') codes.push(key);
  }
  return { categories, codes };
}

function rulesOf(resource: CapabilityStatementRestResource): ResourceWriteRules {
  const interactions = new Set((resource.interaction ?? []).map((i) => i.code));
  const createLimit = readCreateLimit(resource);
  return {
    create: interactions.has('create'),
    update: interactions.has('update'),
    conditionalCreate: typeof resource.conditionalCreate === 'boolean' ? resource.conditionalCreate : undefined,
    ...(createLimit ? { createLimit } : {}),
  };
}

/** Undefined when the document is not a usable CapabilityStatement (then nothing is known). */
export function parseCapabilityStatement(statement: unknown): ServerWriteRules | undefined {
  const cs = statement as CapabilityStatement | undefined;
  if (cs?.resourceType !== 'CapabilityStatement' || !Array.isArray(cs.rest)) return undefined;
  const rest = cs.rest.find((r) => r.mode === 'server') ?? cs.rest[0];
  if (!rest) return undefined;
  const resources = new Map<string, ResourceWriteRules>();
  for (const resource of rest.resource ?? []) {
    if (resource.type) resources.set(resource.type, rulesOf(resource));
  }
  const system = new Set((rest.interaction ?? []).map((i) => i.code));
  return { resources, transaction: system.has('transaction'), batch: system.has('batch') };
}
