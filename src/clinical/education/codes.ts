/** The Communication category of a handout given (its own file: the patient view's read needs only this). */
export const INSTRUCTION_CATEGORY = { system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'instruction', display: 'Instruction' };
