// Public surface of the clinical model. Everything here is pure: no I/O, no clock reads.
export * from './instruments/index.ts';
export { severityOf, screenResult } from './scoring/severity.ts';
