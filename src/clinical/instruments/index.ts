export * from './types.ts';
export * from './definitions.ts';
export * from './questionnaires.ts';
export * from './searchCodes.ts';
