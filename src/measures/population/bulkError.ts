/** A failure of the population pipeline worded for the analyst at the terminal: what happened and what to do. */
export class BulkError extends Error {}
