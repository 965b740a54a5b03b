export type { CodeKey, CreateLimit, RefusalSource, ResourceWriteRules, ServerWriteRules, WriteTarget, WriteVerdict } from './types';
export { CREATE_LIMIT_EXTENSION, parseCapabilityStatement } from './parseCapabilityStatement';
export { writeVerdict, targetWords, type MetadataState, type LearnedRefusal } from './verdict';
export { WriteCapabilities, writeCapabilitiesFor, type CapabilitySnapshot, type CapabilitySource } from './capabilityStore';
