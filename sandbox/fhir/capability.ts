import { getSearchParameters } from '@medplum/core';
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { AUTH_PATHS, fhirBase } from '../auth/deps.ts';
import { CUSTOM_PARAMS } from './customParams.ts';
import { CREATE_LIMIT_EXTENSION, type EhrProfile } from './profiles.ts';

const BULK_EXPORT: Record<string, string> = {
  Patient: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
  Group: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export',
};

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

/**
 * The CapabilityStatement, built from the profile so that what is advertised is exactly what
 * the request pipeline enforces. The app reads `rest.resource.interaction` at launch to learn
 * what it may write, so this must not over-promise.
 */
export function capabilityStatement(origin: string, profile: EhrProfile): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = Object.entries(profile.resources).map(([type, interactions]) => {
    const params = Object.values(getSearchParameters(type) ?? {}).map((p) => ({
      name: p.code ?? '',
      type: p.type ?? 'string',
      ...(p.url ? { definition: p.url } : {}),
    }));
    for (const code of Object.keys(CUSTOM_PARAMS[type] ?? {})) {
      params.push({ name: code, type: 'token', documentation: 'Answered by the sandbox itself (not an R4 search parameter for this type).' } as (typeof params)[number]);
    }
    const limit = profile.createLimits[type];
    return {
      type: type as CapabilityStatementRestResource['type'],
      ...(limit
        ? {
            extension: [
              {
                url: CREATE_LIMIT_EXTENSION,
                extension: [...limit.categories.map((valueCoding) => ({ url: 'category', valueCoding })), ...limit.codes.map((valueCoding) => ({ url: 'code', valueCoding }))],
              },
            ],
            documentation: limit.refusal,
          }
        : {}),
      interaction: interactions.map((code) => ({ code })),
      versioning: 'versioned',
      readHistory: interactions.includes('vread'),
      updateCreate: false,
      conditionalCreate: interactions.includes('create'),
      conditionalUpdate: false,
      searchParam: params.sort((a, b) => a.name.localeCompare(b.name)),
      // Bulk Data export (sandbox/bulk): what a backend client checks before a kick-off.
      ...(BULK_EXPORT[type] ? { operation: [{ name: 'export', definition: BULK_EXPORT[type] }] } : {}),
    } as CapabilityStatementRestResource;
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2025-01-01',
    kind: 'instance',
    instantiates: ['http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'],
    software: { name: profile.softwareName },
    implementation: { description: 'CoCM Registry sandbox EHR (synthetic data)', url: fhirBase(origin) },
    fhirVersion: '4.0.1',
    format: ['json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          extension: [
            {
              url: OAUTH_URIS,
              extension: [
                { url: 'authorize', valueUri: origin + AUTH_PATHS.authorize },
                { url: 'token', valueUri: origin + AUTH_PATHS.token },
              ],
            },
          ],
        },
        resource,
        // System-level interactions: what the pipeline answers (sandbox/fhir/batch.ts).
        ...(profile.batch ? { interaction: [{ code: 'batch' as const }] } : {}),
      },
    ],
  };
}
