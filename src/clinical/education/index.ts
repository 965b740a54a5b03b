// Patient education: the handout library and the record of giving one. Pure.
export { handoutById, HANDOUTS, type Handout, type HandoutId } from './handouts.ts';
export { buildHandoutCommunication, HANDOUT_SYSTEM, type HandoutGiven, type HandoutGivenInput, INSTRUCTION_CATEGORY, readHandoutsGiven } from './records.ts';
