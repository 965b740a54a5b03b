import { FaultSpecError, parseFaultSpec } from './http/faults.ts';
import { AVAILABLE_PROFILES, PROFILE_NAMES, type ProfileName } from './fhir/profiles.ts';
import { parseFlags } from '../src/shared/parseFlags.ts';

export interface CliOptions {
  port: number;
  patients: number;
  seed: string;
  data?: string;
  profile: ProfileName;
  /** `epic` profile: the Observation codes that count as mapped flowsheet rows. */
  flowsheetCodes?: string[];
  latencyMs: number;
  tokenLifetimeSeconds: number;
  /** Interface to listen on (loopback unless asked). */
  host: string;
  /** `--faults` as given (checked here, parsed again by the server). */
  faults?: string;
  faultSeed?: string;
  /** Origins of an app served elsewhere (a dev server) allowed through CORS. */
  appOrigins: string[];
  /** `--backend-client ID=JWKS`: backend-services clients (Bulk Data export), read by the CLI. */
  backendClients: string[];
  quiet: boolean;
  help: boolean;
}

export const DEFAULT_PORT = 8080;

export const USAGE = `Usage: npm start -- [options]

Serves the production build of CoCM Registry with a sandbox EHR (SMART authorization server,
FHIR R4 server, EHR pages) on one port.

Options:
  --port N              port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --patients N          synthetic panel size (default 200)
  --seed S              panel seed; the same seed gives the same panel (default "cocm")
  --data PATH           load FHIR JSON Bundles (collection, transaction, batch, searchset)
                        or NDJSON, a file or a folder, instead of the synthetic panel
  --profile NAME        which EHR's limits to imitate: ${PROFILE_NAMES.join(' | ')} (default generic)
  --flowsheet-codes L   epic profile: LOINC codes filed as mapped flowsheet rows (default 44261-6,70274-6)
  --latency MS          delay added to every FHIR and authorization response (default 0)
  --token-lifetime S    access token lifetime in seconds (default 3600)
  --host H              interface to listen on (default 127.0.0.1: this machine only;
                        0.0.0.0 answers for the machine's name and addresses)
  --app-origin URL      also allow this origin through CORS (an app on a dev server);
                        repeatable
  --faults SPEC         inject faults into FHIR answers, e.g.
                        Observation:503:0.2,*:429:0.05,*:delay:2000:0.1,*:drop:0.02
  --fault-seed S        seed of the fault draws (default "faults"; same seed, same faults)
  --backend-client ID=JWKS
                        register a backend-services client (SMART Backend Services, for
                        Bulk Data export) with its public keys: a JWKS file or URL; repeatable
  --quiet               no request log
  --help                this text
`;

export class CliError extends Error {}

function integer(name: string, value: string | undefined, min: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new CliError(`${name} needs a whole number, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  const n = Number(value);
  if (n < min) throw new CliError(`${name} must be at least ${min}`);
  return n;
}

/** Parses the options after `--`; throws CliError with a message fit for the terminal. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = {
    port: DEFAULT_PORT,
    patients: 200,
    seed: 'cocm',
    profile: 'generic',
    latencyMs: 0,
    tokenLifetimeSeconds: 3600,
    host: '127.0.0.1',
    appOrigins: [],
    backendClients: [],
    quiet: false,
    help: false,
  };
  parseFlags(
    argv,
    (message) => new CliError(message),
    ({ flag, arg, value, required }) => {
      switch (flag) {
        case '--help':
        case '-h':
          opts.help = true;
          break;
        case '--quiet':
          opts.quiet = true;
          break;
        case '--port':
          opts.port = integer('--port', value(), 0);
          if (opts.port > 65535) throw new CliError('--port must be at most 65535');
          break;
        case '--patients':
          opts.patients = integer('--patients', value(), 0);
          break;
        case '--seed':
          opts.seed = required('--seed needs a value');
          break;
        case '--data':
          opts.data = required('--data needs a file or folder path');
          break;
        case '--profile': {
          const v = value() ?? '';
          if (!PROFILE_NAMES.includes(v as ProfileName)) throw new CliError(`unknown --profile "${v}"; choose one of: ${PROFILE_NAMES.join(', ')}`);
          if (!AVAILABLE_PROFILES.includes(v as ProfileName)) throw new CliError(`--profile ${v} is not implemented yet; available: ${AVAILABLE_PROFILES.join(', ')}`);
          opts.profile = v as ProfileName;
          break;
        }
        case '--flowsheet-codes': {
          const codes = (value() ?? '')
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean);
          if (!codes.length || codes.some((c) => !/^\d{1,7}-\d$/.test(c))) throw new CliError('--flowsheet-codes needs LOINC codes separated by commas, e.g. 44261-6,70274-6');
          opts.flowsheetCodes = codes;
          break;
        }
        case '--latency':
          opts.latencyMs = integer('--latency', value(), 0);
          break;
        case '--token-lifetime':
          opts.tokenLifetimeSeconds = integer('--token-lifetime', value(), 1);
          break;
        case '--host': {
          const v = value();
          if (!v || !/^[A-Za-z0-9.:-]+$/.test(v)) throw new CliError('--host needs an interface address or name, e.g. 127.0.0.1 or 0.0.0.0');
          opts.host = v;
          break;
        }
        case '--app-origin': {
          const v = value() ?? '';
          let origin: string;
          try {
            origin = new URL(v).origin;
          } catch {
            throw new CliError(`--app-origin needs an origin such as http://localhost:5173, got "${v}"`);
          }
          opts.appOrigins.push(origin);
          break;
        }
        case '--faults': {
          const v = value() ?? '';
          try {
            if (!parseFaultSpec(v).length) throw new FaultSpecError('--faults needs at least one rule');
          } catch (err) {
            if (err instanceof FaultSpecError) throw new CliError(`--faults: ${err.message}`);
            throw err;
          }
          opts.faults = v;
          break;
        }
        case '--backend-client': {
          const v = value();
          if (!v || !/^[^=]+=.+$/.test(v)) throw new CliError('--backend-client needs ID=JWKS_FILE or ID=JWKS_URL');
          opts.backendClients.push(v);
          break;
        }
        case '--fault-seed':
          opts.faultSeed = required('--fault-seed needs a value');
          break;
        default:
          throw new CliError(`unknown option "${arg}" (see --help)`);
      }
    },
  );
  return opts;
}
