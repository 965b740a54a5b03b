/**
 * The option loop both command lines share (`npm start`, `npm run measures`): `--flag value`
 * and `--flag=value`. `on` is called once per argument with its flag, `value()` that takes
 * the option's value (the inline one, else the next argument, which is then consumed), and
 * `required(message)` that does the same and throws `fail(message)` when there is none.
 */
export interface FlagReader {
  flag: string;
  arg: string;
  value: () => string | undefined;
  required: (message: string) => string;
}

export function parseFlags(argv: readonly string[], fail: (message: string) => Error, on: (reader: FlagReader) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    const required = (message: string): string => {
      const v = value();
      if (!v) throw fail(message);
      return v;
    };
    on({ flag, arg, value, required });
  }
}
