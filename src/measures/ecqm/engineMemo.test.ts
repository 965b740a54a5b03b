/**
 * The engine's memo tables (engineMemo.ts) give what the library's own functions give: the
 * same distinct lists (the same elements kept, in order), keys equal by value, the same
 * element reads, type tests, class lookups, parsed dates and decoded bytes, on inputs chosen
 * to hit every path (the same JSON twice, equal content in other JSON, one id with other
 * content, no id, other types, values that are not resources). And they reach the library:
 * its modules' exports, which its own calls read, are the memo functions. The measures' own
 * proof (the official cases, and unfiltered runs over generated patients equal to the
 * library before) is in official.test.ts, prefilter.test.ts and bench/population.ts.
 */
import { PatientSource } from 'cql-exec-fhir';
import { Code, DateTime } from 'cql-execution';
import { is } from 'immutable';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
// fqm-execution brings core-js's Uint8Array.fromBase64, as it does for the engine (engine.ts).
import 'fqm-execution';
import { installEngineMemo, libraryOriginals, type LibraryOriginals } from './engineMemo';

const require = createRequire(import.meta.url);
const list = require('cql-execution/lib/elm/list') as { toDistinctList: (l: unknown[]) => unknown[] };
const keys = require('cql-execution/lib/util/immutableUtil') as { toNormalizedKey: (v: unknown) => unknown };

interface Record {
  _json: Record;
  get: (field: string) => unknown;
  _is: (spec: { type: string; name: string }) => boolean;
}

const observation = (id: string | undefined, value: number) => ({
  resourceType: 'Observation',
  ...(id ? { id } : {}),
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
  effectiveDateTime: '2026-03-04T10:00:00+02:00',
  valueInteger: value,
});

let originals: LibraryOriginals;
let records: Record[];
let source: PatientSource;

beforeAll(() => {
  source = PatientSource.FHIRv401({ requireProfileTagging: false });
  installEngineMemo(source);
  originals = libraryOriginals()!;
  const a = observation('a', 12);
  source.loadBundles([
    {
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p' } },
        { resource: a },
        { resource: structuredClone(a) }, // equal content, other JSON
        { resource: observation('a', 3) }, // same id, other content
        { resource: observation(undefined, 7) },
        { resource: observation(undefined, 7) },
        { resource: observation('b', 12) },
        { resource: { resourceType: 'Encounter', id: 'a', status: 'finished' } },
      ],
    },
  ]);
  const patient = source.currentPatient()!;
  const retrieve = (type: string) => patient.findRecords(`http://hl7.org/fhir/StructureDefinition/${type}`) as unknown as Record[];
  records = [...retrieve('Observation'), ...retrieve('Encounter')];
});

describe('the engine memo tables', () => {
  it('are what the library calls: its modules export the memo functions', () => {
    expect(originals).toBeDefined();
    expect(list.toDistinctList).not.toBe(originals.toDistinctList);
    expect(keys.toNormalizedKey).not.toBe(originals.toNormalizedKey);
    expect(DateTime.parse).not.toBe(originals.parse);
  });

  it('keep the same elements of a list, in order, as the library', () => {
    const [a, aClone, aOther, noId, noIdAgain, b, encounter] = records as [Record, Record, Record, Record, Record, Record, Record];
    const again = (source.currentPatient()!.findRecords('http://hl7.org/fhir/StructureDefinition/Observation') as unknown as Record[])[0]!;
    expect(again).not.toBe(a);
    expect(again._json).toBe(a._json);
    const when = DateTime.parse('2026-01-01');
    const values: unknown[] = [a, null, again, aClone, 1, aOther, noId, 'x', noIdAgain, b, encounter, null, 1, when, DateTime.parse('2026-01-01'), new Code('1', 's'), new Code('1', 's'), a, 'x'];
    // The context's Patient (a FHIRObject subclass, with its own enumerable fields) beside the retrieved Patient record over the same JSON.
    const patient = source.currentPatient()!;
    const patients = [patient, ...(patient.findRecords('http://hl7.org/fhir/StructureDefinition/Patient') as unknown[]), source.currentPatient()!, patient];
    for (const input of [values, [...values].reverse(), records, [a, a], [noId, noIdAgain, aClone], patients, [...patients].reverse(), [...patients, ...values]]) {
      const expected = originals.toDistinctList(input);
      const kept = list.toDistinctList(input);
      expect(kept.map((v) => input.indexOf(v))).toEqual(expected.map((v) => input.indexOf(v)));
      expect(kept).toEqual(expected);
    }
    expect(list.toDistinctList(values).length).toBeLessThan(values.length);
  });

  it('give keys equal by value to the library’s', () => {
    for (const r of records) {
      expect(is(keys.toNormalizedKey(r), originals.toNormalizedKey(r))).toBe(true);
      expect(is(keys.toNormalizedKey(r), keys.toNormalizedKey(r))).toBe(true);
    }
    expect(is(keys.toNormalizedKey(records[0]), keys.toNormalizedKey(records[2]))).toBe(false);
  });

  it('read elements as the library does; a list is a new array each time', () => {
    for (const r of records) {
      for (const field of ['id', 'code', 'category', 'effective', 'value', 'status', 'subject', 'code.coding'].filter((f) => f.split('.')[0]! in r)) {
        const memo = r.get(field);
        const library = originals.get.call(r as never, field);
        expect(is(originals.toNormalizedKey(memo), originals.toNormalizedKey(library))).toBe(true);
        expect(is(originals.toNormalizedKey(r.get(field)), originals.toNormalizedKey(library))).toBe(true);
        if (Array.isArray(memo)) expect(r.get(field)).not.toBe(memo);
      }
      for (const name of ['{http://hl7.org/fhir}Observation', '{http://hl7.org/fhir}DomainResource', '{http://hl7.org/fhir}Encounter', '{urn:hl7-org:elm-types:r1}Any']) {
        const spec = { type: 'NamedTypeSpecifier', name };
        expect(r._is(spec)).toBe(originals._is.call(r as never, spec));
        expect(r._is(spec)).toBe(originals._is.call(r as never, spec));
      }
    }
    const modelInfo = (records[0] as unknown as { _modelInfo: { findClass: (n: string) => unknown } })._modelInfo;
    for (const name of ['FHIR.Observation', 'Observation', '{http://hl7.org/fhir}Observation', 'Nothing']) {
      expect(modelInfo.findClass(name)).toBe(originals.findClass.call(modelInfo, name));
      expect(modelInfo.findClass(name)).toBe(originals.findClass.call(modelInfo, name));
    }
    expect(modelInfo.findClass('Observation')).toBeDefined();
  });

  it('parse dates as the library does, a new DateTime each call', () => {
    const strings = ['2026-01-02', '2026', '2026-01', '2026-01-02T03:04:05', '2026-01-02T03:04:05.1234Z', '2026-01-02T03:04:05+05:30', '2026-01-02T03:04:05-0800', '2026-01-02T03:04+02', '2026-02-29', '2026-13-40', 'not a date', ''];
    for (const s of strings) {
      const expected = originals.parse(s);
      for (let round = 0; round < 2; round++) {
        const parsed = DateTime.parse(s);
        expect(parsed === null ? null : { ...parsed }).toEqual(expected === null ? null : { ...expected });
        if (parsed) expect(parsed).toBeInstanceOf(DateTime);
      }
      if (expected) expect(DateTime.parse(s)).not.toBe(DateTime.parse(s));
    }
    expect(strings.filter((s) => DateTime.parse(s) !== null).length).toBeGreaterThan(5);
  });

  it('decode base64 to the same bytes as the polyfill, and leave it the rest', () => {
    const from = (Uint8Array as unknown as { fromBase64: (s: string, o?: unknown) => Uint8Array }).fromBase64;
    const polyfill = originals.fromBase64!;
    const samples = ['', 'QQ==', 'QUI=', 'QUJD', Buffer.from(JSON.stringify({ library: { é: 'ü', n: [1, 2, 3] } })).toString('base64'), 'QU JD', 'QUJD\n'];
    for (const s of samples) expect(Array.from(from(s))).toEqual(Array.from(polyfill(s)));
    expect(Array.from(from('QUJD-_', { alphabet: 'base64url' }))).toEqual(Array.from(polyfill('QUJD-_', { alphabet: 'base64url' })));
    expect(() => from('Q@==')).toThrow();
    expect(() => polyfill('Q@==')).toThrow();
  });
});
