import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PurposesFileError, loadPurposes, purposeCatalogue } from './purposes.js';

const dir = mkdtempSync(join(tmpdir(), 'da06-purposes-'));
const file = (name: string, purposes: object[]) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ description: 'thử', purposes }));
  return path;
};
const entry = { code: 'test.one', label: 'Một', legalBasis: 'Luật thử', mark: 'U', services: ['person.is_alive'], validFrom: '2025-01-01' };

describe('the purpose catalogue (data/exchange/purposes.json)', () => {
  it('loads the shipped catalogue: codes once, each with a label and a legal basis', () => {
    const purposes = loadPurposes();
    expect(purposes.length).toBeGreaterThan(0);
    expect(new Set(purposes.map((p) => p.code)).size).toBe(purposes.length);
  });

  it('answers the purposes of a service in force on a day, and a code\'s label', () => {
    const c = purposeCatalogue([entry as never, { ...entry, code: 'test.retired', validUntil: '2025-06-30' } as never]);
    expect(c.ofService('person.is_alive', '2025-07-01').map((p) => p.code)).toEqual(['test.one']);
    expect(c.ofService('person.is_alive', '2025-06-30').map((p) => p.code)).toEqual(['test.one', 'test.retired']);
    expect(c.has('person.is_alive', 'test.one', '2024-12-31')).toBe(false);
    expect(c.has('person.lookup', 'test.one', '2025-07-01')).toBe(false);
    expect(c.label('test.one')).toBe('Một');
    expect(c.label('tự do')).toBe('tự do');
  });

  it('refuses a file with a code twice, a day that does not exist or an end before the start, naming the JSON path', () => {
    expect(() => loadPurposes(file('twice.json', [entry, entry]))).toThrow(/\$\.purposes\[1\]\.code/);
    expect(() => loadPurposes(file('day.json', [{ ...entry, validFrom: '2025-02-30' }]))).toThrow(/\$\.purposes\[0\]\.validFrom/);
    expect(() => loadPurposes(file('end.json', [{ ...entry, validUntil: '2024-01-01' }]))).toThrow(/\$\.purposes\[0\]\.validUntil/);
    expect(() => loadPurposes(file('code.json', [{ ...entry, code: 'Không Mã' }]))).toThrow(PurposesFileError);
  });
});
