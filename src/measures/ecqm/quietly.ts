/**
 * cql-exec-fhir reports gaps in its model info ("Failed to locate element ...") on the
 * console. They are not about any patient, but the CLI's stdout must stay JSON and the
 * browser's console clean, so the engine runs with the console quiet.
 */
export async function quietly<T>(run: () => Promise<T>): Promise<T> {
  // eslint-disable-next-line no-console -- silencing the engine's console, not writing to it
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info, debug: console.debug };
  const quiet = (): void => undefined;
  Object.assign(console, { log: quiet, warn: quiet, error: quiet, info: quiet, debug: quiet });
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}
