/** A broken runtime configuration; its message names the setting and what is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
