import { describe, expect, it } from 'vitest';
import { newDraft } from '../model/draft';
import { clearDraft, draftKey, loadDraft, newScreeningId, saveDraft } from './draftStore';

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

const SERVER = 'https://ehr.example.org/fhir/';
const scope = { serverUrl: SERVER, patientId: 'p1', fhirUser: 'Practitioner/1' };

describe('draft storage', () => {
  it('restores the draft after a reload (a new page reading the same tab storage)', () => {
    const storage = new MemoryStorage();
    const draft = { ...newDraft('u1', 'p1'), answers: { '44250-9': 2 } };
    saveDraft(storage, scope, draft);
    expect(loadDraft(storage, scope)).toEqual(draft);
  });

  it('ignores and removes a draft of another patient', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, scope, { ...newDraft('u1', 'p1'), answers: { '44250-9': 2 } });
    expect(loadDraft(storage, { ...scope, patientId: 'p2' })).toBeUndefined();
    expect(storage.getItem(draftKey(SERVER))).toBeNull();
    expect(loadDraft(storage, scope)).toBeUndefined();
  });

  it('ignores and removes a draft of another user', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, scope, newDraft('u1', 'p1'));
    expect(loadDraft(storage, { ...scope, fhirUser: 'Practitioner/2' })).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('never writes a draft under another patient scope', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, scope, newDraft('u1', 'p2'));
    expect(storage.length).toBe(0);
  });

  it('drops unreadable content and clears on request', () => {
    const storage = new MemoryStorage();
    storage.setItem(draftKey(SERVER), '{not json');
    expect(loadDraft(storage, scope)).toBeUndefined();
    saveDraft(storage, scope, newDraft('u1', 'p1'));
    clearDraft(storage, scope);
    expect(storage.length).toBe(0);
  });

  it('survives storage that throws', () => {
    const broken = new MemoryStorage();
    broken.setItem = () => {
      throw new Error('QuotaExceeded');
    };
    expect(() => saveDraft(broken, scope, newDraft('u1', 'p1'))).not.toThrow();
    expect(loadDraft(undefined, scope)).toBeUndefined();
  });

  it('makes v4 UUIDs', () => {
    expect(newScreeningId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newScreeningId()).not.toBe(newScreeningId());
  });
});
