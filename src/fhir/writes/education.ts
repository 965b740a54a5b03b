/**
 * "Handout given": a Communication to the patient, created once per giving (identifier +
 * If-None-Exist), where this EHR takes Communications from apps (generic, Epic and Oracle
 * all document create). Refusals are said, never silent; the handout still prints.
 */
import type { Communication } from '@medplum/fhirtypes';
import { buildHandoutCommunication, type HandoutGivenInput, INSTRUCTION_CATEGORY } from '../../clinical/education';
import type { WriteTarget } from '../capabilities';
import { guarded } from './carePlans';
import { createOnce } from './createOnce';
import type { RegistryWriter } from './registry';

export const HANDOUT_TARGET: WriteTarget = { resourceType: 'Communication', categories: [INSTRUCTION_CATEGORY], label: 'record of the handout given' };

export async function recordHandoutGiven(
  writer: RegistryWriter,
  input: HandoutGivenInput,
): Promise<{ status: 'saved'; communication: Communication } | { status: 'not-allowed' | 'failed'; reason: string }> {
  return guarded(writer, [HANDOUT_TARGET], async () => {
    const communication = buildHandoutCommunication(input);
    const created = await createOnce(writer.api, communication, communication.identifier![0]!);
    return { status: 'saved' as const, communication: created.resource ?? communication };
  });
}
