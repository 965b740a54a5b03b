/**
 * Memo tables for two pure functions of the CQL engine that a measure calls over and over on
 * the same inputs. Profiled over the bench's panel (CMS2, 100 patients), they were half of the
 * engine's CPU time: the engine's results do not change, only how often the work is redone.
 * Nothing under node_modules is edited: the functions are wrapped where the libraries look
 * them up at call time (an exported binding and a static method), once per process or worker.
 *
 * 1. `toDistinctList` (cql-execution, elm/list), behind every Union, Distinct, Except,
 *    Intersect and distinct query: it keeps the first element of each class of equal values,
 *    in order, by computing every element's value-equality key (`toNormalizedKey`). For a FHIR
 *    resource (cql-exec-fhir's FHIRObject) the key walks every element of the resource,
 *    wrapping and parsing each one: the largest single cost of a measure. Two facts make most
 *    of that work unnecessary, without changing which elements are kept:
 *    - the key of a FHIRObject is a function of the JSON it wraps and its type info (its
 *      getters read nothing else; neither changes during a run: the engine never writes to
 *      the data), so two FHIRObjects over the same JSON object and type info are equal, and
 *      the key, an immutable value compared by value, can be kept and handed out again;
 *    - equal keys have equal parts: the same type (the key's `__instance`, the type
 *      hierarchy, starts with the type's name) and, where the type has an `id` element (the
 *      object then has an `id` getter, reading `json.id`), the same id. So elements are
 *      grouped by (type name, id): an element alone in its group so far is new, one over the
 *      same JSON as a kept member of its group is a repeat, and only in the rare remaining
 *      case (same type and id, other JSON) does the library's own `toDistinctList` decide,
 *      over the group's kept members and the element. FHIRObject keys never equal the key of
 *      any other kind of value (their `__instance` is a list, every other kind's a
 *      constructor or no map at all), so the other elements keep the library's own path.
 *    FHIRObject's subclass (the context's Patient) is grouped too, but never taken for a
 *    repeat without the library's comparison: its key also holds its own enumerable fields.
 *
 * 2. Reads of a FHIR element (cql-exec-fhir's `FHIRObject.get`): each read wraps the element's
 *    JSON in a new FHIRObject, which defines a getter for every element its type has (tens
 *    per object; most of the engine's garbage), and a measure reads the same elements of the
 *    same resources in many expressions. `get` is a function of the wrapped JSON, the type
 *    info and the field name (and the static model info), so a read that yields FHIRObjects
 *    is kept per (JSON object, type info, field); a list is handed out as a new array of the
 *    same objects (a caller may reorder its list), and a FHIRObject has no state to change
 *    (its properties are getters and read-only values). Reads of CQL system values (dates,
 *    strings, numbers) are not kept: they go to the library's `get` each time.
 *    `_is(type)`, asked for every resource a retrieve or a type test sees, is a function of
 *    the type info alone: kept per (type info, specifier). `ModelInfo.findClass`, a lookup in
 *    maps the model info fills once when it loads, is kept per name.
 *
 * 3. `Uint8Array.fromBase64`, with which fqm-execution decodes each Library's ELM (three times
 *    per measure and process: our set-up, its data requirements, its ELM cache). Node 20 has
 *    none, and core-js's polyfill decodes in script, about half a second per measure package.
 *    The platform decodes instead (Buffer in Node, atob in a browser) when the string is
 *    canonical base64, which both decode to the same bytes: checked by encoding the bytes
 *    again and getting the string back. Any other string, or a call with options, goes to
 *    the polyfill as before.
 *
 * 4. `DateTime.parse` (cql-execution): every read of a date element parses its string again,
 *    and the parse checks the string against luxon formats (most of the cost). The parse is a
 *    function of the string except for one thing: without an offset in the string the result
 *    takes the process's current UTC offset. So the fields are kept per string, and each call
 *    builds a new DateTime from them (callers may modify what they get), passing the offset
 *    when the string has one and leaving it to the constructor, as the parse does, otherwise.
 */
import { PatientSource } from 'cql-exec-fhir';
import { DateTime } from 'cql-execution';
import * as listModule from 'cql-execution/lib/elm/list';
import * as immutableUtilModule from 'cql-execution/lib/util/immutableUtil';

type NormalizedKey = ReturnType<typeof immutableUtilModule.toNormalizedKey>;
interface ImmutableUtil {
  toNormalizedKey: (js: unknown) => NormalizedKey;
}

interface NodeBuffer {
  from: (string: string, encoding: 'base64') => Uint8Array & { toString: (encoding: 'base64') => string };
}

interface ListModule {
  toDistinctList: (list: unknown[]) => unknown[];
}

/**
 * A CommonJS module's exports object itself, which the library's own calls read at each call:
 * under Node's ESM a namespace is a copy and the object is its `default`; a bundler may hand
 * over the object directly.
 */
function exportsOf<T extends object>(namespace: object, name: keyof T): T {
  const withDefault = namespace as { default?: T };
  return withDefault.default && typeof withDefault.default[name] === 'function' ? withDefault.default : (namespace as T);
}

interface FhirObjectLike {
  _json: unknown;
  _typeInfo: object;
}

/** The parse's own pattern for an offset at the end of the string (`Z`, `+hh`, `+hh:mm`, `+hhmm`). */
const DATE_TIME = /(\d{4})(-(\d{2}))?(-(\d{2}))?(T((\d{2})(:(\d{2})(:(\d{2})(\.(\d+))?)?)?)?(Z|(([+-])(\d{2})(:?(\d{2}))?))?)?/;

interface ParsedFields {
  args: (number | null)[];
  /** The offset the string states, or undefined (the constructor then takes the current one). */
  offset: number | null | undefined;
}

/** Bounds the parse table (distinct date strings of a population run); a full table is emptied and refilled. */
const MAX_PARSED = 200_000;

/** The library's functions as they were before the memo tables: kept for engineMemo.test.ts, which proves them equal. */
export interface LibraryOriginals {
  toDistinctList: ListModule['toDistinctList'];
  toNormalizedKey: ImmutableUtil['toNormalizedKey'];
  get: FhirObjectPrototype['get'];
  _is: FhirObjectPrototype['_is'];
  findClass: ModelInfoPrototype['findClass'];
  parse: (string: string) => DateTime | null;
  fromBase64: ((string: string, options?: unknown) => Uint8Array) | undefined;
}

/** Marks the installation on the realm (the libraries are one per realm: a page, a worker, a process). */
const INSTALLED = Symbol.for('cocm-registry.engine-memo');

/**
 * Installs the memo tables once per realm. The FHIRObject and ModelInfo prototypes are read
 * off a record of a one-patient bundle in `source`, since cql-exec-fhir does not export them.
 */
export function installEngineMemo(source: PatientSource): void {
  const realm = globalThis as { [INSTALLED]?: LibraryOriginals };
  if (realm[INSTALLED]) return;
  const { prototype, modelInfo } = fhirObjectPrototype(source);
  const { get, _is } = memoizeElementReads(prototype);
  realm[INSTALLED] = {
    toNormalizedKey: memoizeNormalizedKeys(prototype),
    toDistinctList: groupDistinctResources(prototype),
    get,
    _is,
    findClass: memoizeFindClass(modelInfo),
    parse: memoizeDateTimeParse(),
    fromBase64: decodeBase64Natively(),
  };
}

/** The library's own functions from before installEngineMemo, or undefined before it. */
export function libraryOriginals(): LibraryOriginals | undefined {
  return (globalThis as { [INSTALLED]?: LibraryOriginals })[INSTALLED];
}

interface FhirObjectPrototype {
  get: (this: FhirObjectLike, field: string) => unknown;
  _is: (this: FhirObjectLike, spec: { type?: string; name?: string }) => boolean;
}

interface ModelInfoPrototype {
  findClass: (this: object, name: string) => unknown;
}

/** Reads the prototypes off a record of the given (idle) PatientSource, which is left empty. */
function fhirObjectPrototype(source: PatientSource): { prototype: FhirObjectPrototype; modelInfo: ModelInfoPrototype } {
  source.reset();
  source.loadBundles([{ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', id: 'p' } }, { resource: { resourceType: 'Observation', id: 'o' } }] }]);
  const record = source.currentPatient()?.findRecords('http://hl7.org/fhir/StructureDefinition/Observation')[0];
  source.reset();
  if (!record) throw new Error('cql-exec-fhir did not return a record to read its FHIRObject from');
  const modelInfo = (record as unknown as { _modelInfo: object })._modelInfo;
  return { prototype: Object.getPrototypeOf(record) as FhirObjectPrototype, modelInfo: Object.getPrototypeOf(modelInfo) as ModelInfoPrototype };
}

/** Per object (a JSON object, a type info), a table: a WeakMap of Maps, made on first use. */
function tableOf<K extends object, V>(tables: WeakMap<K, V>, key: K, make: () => V): V {
  let table = tables.get(key);
  if (table === undefined) {
    table = make();
    tables.set(key, table);
  }
  return table;
}

interface Group {
  /** The group's kept members: its first element, and later ones the library found distinct. */
  kept: FhirObjectLike[];
}

function groupDistinctResources(fhirObject: FhirObjectPrototype): ListModule['toDistinctList'] {
  const exported = exportsOf<ListModule>(listModule, 'toDistinctList');
  const original = exported.toDistinctList;
  const typeNames = new WeakMap<object, string>();
  /** The first name of the type hierarchy, as the key's `__instance` spells it. */
  const typeName = (record: FhirObjectLike): string => {
    let name = typeNames.get(record._typeInfo);
    if (name === undefined) {
      const hierarchy = (record as unknown as { _typeHierarchy: () => { name: string }[] })._typeHierarchy();
      name = hierarchy[0]?.name ?? '';
      typeNames.set(record._typeInfo, name);
    }
    return name;
  };
  const isRecord = (value: unknown): value is FhirObjectLike =>
    value !== null && typeof value === 'object' && Object.prototype.isPrototypeOf.call(fhirObject, value) && (value as FhirObjectLike)._json !== null && typeof (value as FhirObjectLike)._json === 'object' && !!(value as FhirObjectLike)._typeInfo;
  /** Surely equal keys: plain FHIRObjects over the same JSON and type (a subclass's key holds more, e.g. a Patient's options). */
  const sameRecord = (a: FhirObjectLike, b: FhirObjectLike): boolean =>
    a._json === b._json && a._typeInfo === b._typeInfo && Object.getPrototypeOf(a) === fhirObject && Object.getPrototypeOf(b) === fhirObject;
  exported.toDistinctList = (list: unknown[]): unknown[] => {
    if (!Array.isArray(list) || !list.some(isRecord)) return original(list);
    const groups = new Map<string, Group>();
    const others: { at: number; value: unknown }[] = [];
    const keptAt: boolean[] = new Array<boolean>(list.length).fill(false);
    list.forEach((value, at) => {
      if (!isRecord(value)) {
        others.push({ at, value });
        return;
      }
      // The id counts only where the type has an `id` element (then the key holds json.id).
      const id = Object.prototype.hasOwnProperty.call(value, 'id') ? (value._json as { id?: unknown }).id : undefined;
      const group = `${typeName(value)}\u0000${typeof id === 'string' ? id : ''}`;
      const found = groups.get(group);
      if (!found) {
        groups.set(group, { kept: [value] });
        keptAt[at] = true;
      } else if (!found.kept.some((k) => sameRecord(k, value)) && original([...found.kept, value]).length > found.kept.length) {
        found.kept.push(value);
        keptAt[at] = true;
      }
    });
    // The other values, by the library's own rule among themselves (no key of theirs equals a FHIRObject's).
    if (others.length > 0) {
      const distinct = new Set(original(others.map((o) => o.value)));
      // toDistinctList returns the kept elements themselves, first occurrences: mark those.
      const seen = new Set<unknown>();
      for (const o of others) {
        if (distinct.has(o.value) && !seen.has(o.value)) {
          keptAt[o.at] = true;
          seen.add(o.value);
        }
      }
    }
    return list.filter((_, at) => keptAt[at]);
  };
  return original;
}

function memoizeElementReads(fhirObject: FhirObjectPrototype): Pick<LibraryOriginals, 'get' | '_is'> {
  const originalGet = fhirObject.get;
  const reads = new WeakMap<object, Map<object, Map<string, unknown>>>();
  const isFhirObject = (value: unknown): boolean => value !== null && typeof value === 'object' && Object.prototype.isPrototypeOf.call(fhirObject, value);
  fhirObject.get = function get(this: FhirObjectLike, field: string): unknown {
    const json = this._json;
    if (json === null || typeof json !== 'object' || !this._typeInfo) return originalGet.call(this, field);
    const byField = tableOf(tableOf(reads, json, () => new Map<object, Map<string, unknown>>()), this._typeInfo, () => new Map<string, unknown>());
    const kept = byField.get(field);
    if (kept !== undefined) return Array.isArray(kept) ? kept.slice() : kept;
    const value = originalGet.call(this, field);
    if (isFhirObject(value) || (Array.isArray(value) && value.every(isFhirObject))) {
      byField.set(field, value);
      return Array.isArray(value) ? value.slice() : value;
    }
    return value;
  };
  const originalIs = fhirObject._is;
  // Every entry of the type hierarchy `_is` searches is a NamedTypeSpecifier: only those are kept.
  const answers = new WeakMap<object, Map<string, boolean>>();
  fhirObject._is = function _is(this: FhirObjectLike, spec: { type?: string; name?: string }): boolean {
    if (!this._typeInfo || spec === null || typeof spec !== 'object' || spec.type !== 'NamedTypeSpecifier' || typeof spec.name !== 'string') return originalIs.call(this, spec);
    const byName = tableOf(answers, this._typeInfo, () => new Map<string, boolean>());
    let answer = byName.get(spec.name);
    if (answer === undefined) {
      answer = originalIs.call(this, spec);
      byName.set(spec.name, answer);
    }
    return answer;
  };
  return { get: originalGet, _is: originalIs };
}

function memoizeFindClass(modelInfo: ModelInfoPrototype): ModelInfoPrototype['findClass'] {
  const original = modelInfo.findClass;
  const found = new WeakMap<object, Map<string, unknown>>();
  modelInfo.findClass = function findClass(this: object, name: string): unknown {
    if (typeof name !== 'string') return original.call(this, name);
    const byName = tableOf(found, this, () => new Map<string, unknown>());
    if (byName.has(name)) return byName.get(name);
    const value = original.call(this, name);
    byName.set(name, value);
    return value;
  };
  return original;
}

function memoizeNormalizedKeys(fhirObject: object): ImmutableUtil['toNormalizedKey'] {
  const exported = exportsOf<ImmutableUtil>(immutableUtilModule, 'toNormalizedKey');
  const original = exported.toNormalizedKey;
  const keys = new WeakMap<object, Map<object, NormalizedKey>>();
  const memo = (js: unknown): NormalizedKey => {
    if (js === null || typeof js !== 'object' || Object.getPrototypeOf(js) !== fhirObject) return original(js);
    const { _json: json, _typeInfo: typeInfo } = js as FhirObjectLike;
    if (json === null || typeof json !== 'object' || !typeInfo) return original(js);
    let byType = keys.get(json);
    if (!byType) {
      byType = new Map();
      keys.set(json, byType);
    }
    let key = byType.get(typeInfo);
    if (key === undefined) {
      key = original(js);
      byType.set(typeInfo, key);
    }
    return key;
  };
  // The library's own calls (list operations and the key's recursion) read the binding off
  // the module's exports at each call, so replacing the export reaches all of them.
  exported.toNormalizedKey = memo;
  return original;
}

function memoizeDateTimeParse(): (string: string) => DateTime | null {
  const original = DateTime.parse.bind(DateTime);
  const parsed = new Map<string, ParsedFields | null>();
  const fieldsOf = (string: string): ParsedFields | null => {
    const value = original(string);
    if (value === null) return null;
    const m = DATE_TIME.exec(string);
    const stated = m !== null && (m[15] === 'Z' || m[18] != null);
    return { args: [value.year, value.month, value.day, value.hour, value.minute, value.second, value.millisecond], offset: stated ? value.timezoneOffset : undefined };
  };
  const memo = (string: string): DateTime | null => {
    if (typeof string !== 'string') return original(string);
    let fields = parsed.get(string);
    if (fields === undefined) {
      if (parsed.size >= MAX_PARSED) parsed.clear();
      fields = fieldsOf(string);
      parsed.set(string, fields);
    }
    if (fields === null) return null;
    const [year, month, day, hour, minute, second, millisecond] = fields.args;
    return new DateTime(year, month, day, hour, minute, second, millisecond, fields.offset);
  };
  (DateTime as { parse: (string: string) => DateTime | null }).parse = memo;
  return original;
}

function decodeBase64Natively(): LibraryOriginals['fromBase64'] {
  const target = Uint8Array as unknown as { fromBase64?: (string: string, options?: unknown) => Uint8Array };
  const polyfill = target.fromBase64;
  // Replaced even where it looks native: core-js makes its polyfills' source read "[native code]".
  if (typeof polyfill !== 'function') return polyfill;
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  /** The bytes of a canonical base64 string (what encoding them gives back exactly), or undefined. */
  const decode = (string: string): Uint8Array | undefined => {
    if (buffer) {
      const bytes = buffer.from(string, 'base64');
      return bytes.toString('base64') === string ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : undefined;
    }
    let binary: string;
    try {
      binary = atob(string);
    } catch {
      return undefined;
    }
    if (btoa(binary) !== string) return undefined;
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  };
  target.fromBase64 = function fromBase64(string: string, options?: unknown): Uint8Array {
    if (arguments.length > 1) return polyfill.call(Uint8Array, string, options);
    return (typeof string === 'string' ? decode(string) : undefined) ?? polyfill.call(Uint8Array, string);
  };
  return polyfill;
}
