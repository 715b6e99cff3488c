import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDg15 } from './active-auth.js';
import { parseDg1, parseTd1Mrz } from './dg1.js';
import { parseDg13 } from './dg13.js';
import { ChipInputError } from './errors.js';
import { CHIP_INPUT_LIMITS, decodeField, type ChipField } from './input.js';
import { passiveAuthenticate } from './passive-auth.js';
import { parseSod } from './sod.js';
import { buildTestCard, testCscaPem, toMrzName, type TestCard, type TestPerson } from './testing.js';
import { parseCscaCertificate, pemToDer, prepareTrustList, type TrustList } from './trust.js';

const AT = new Date('2026-01-15T00:00:00Z');
/**
 * Generous bound per call, in CPU time of this test process (forks pool): a parser that loops or backtracks
 * badly blows well past it, while a loaded machine (which stretches wall time, not CPU time) does not.
 */
const MAX_CPU_MS_PER_CALL = 250;

let card: TestCard;
let trustList: TrustList;
let samples: Record<string, Buffer>;

beforeAll(async () => {
  card = await buildTestCard();
  trustList = prepareTrustList([await testCscaPem()]);
  samples = {
    sod: Buffer.from(card.sod, 'base64'),
    dg1: Buffer.from(card.dg1, 'base64'),
    dg13: Buffer.from(card.dg13!, 'base64'),
    dg15: Buffer.from(card.dg15!, 'base64'),
    csca: pemToDer(card.cscaPem)[0],
  };
});

/** Runs fn; it may return or throw ChipInputError, nothing else, and must be quick. */
function onlyChipInputError(fn: () => unknown): void {
  const started = process.cpuUsage();
  try {
    fn();
  } catch (err) {
    if (!(err instanceof ChipInputError)) throw new Error(`threw ${String(err)}`, { cause: err });
  }
  const used = process.cpuUsage(started);
  expect((used.user + used.system) / 1000).toBeLessThan(MAX_CPU_MS_PER_CALL);
}

/** Random bytes, or a real sample truncated, mutated or extended. */
function bytesAround(sample: () => Buffer): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 4096 }),
    fc.nat().map((n) => sample().subarray(0, n % (sample().length + 1))),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
      const bytes = Buffer.from(sample());
      for (const [position, value] of edits) bytes[position % bytes.length] = value;
      return bytes;
    }),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((tail) => Buffer.concat([sample(), tail])),
  );
}

/** Constructed elements nested deeper than any real file: asn1js decodes recursively. */
function deeplyNested(tag: number, depth: number): Buffer {
  return Buffer.concat([Buffer.from([tag, 0x80]), Buffer.alloc(depth * 2, 0).fill(Buffer.from([0x30, 0x80]))]);
}

describe('parsers never throw anything but ChipInputError, and never hang', () => {
  const parsers: [string, string, (bytes: Uint8Array) => unknown][] = [
    ['parseSod', 'sod', parseSod],
    ['parseDg1', 'dg1', (b) => parseDg1(b)],
    ['parseDg13', 'dg13', parseDg13],
    ['parseDg15', 'dg15', parseDg15],
    ['parseCscaCertificate', 'csca', parseCscaCertificate],
  ];

  it.each(parsers)('%s on random, truncated, mutated and extended bytes', (_name, sample, parse) => {
    fc.assert(fc.property(bytesAround(() => samples[sample]), (bytes) => onlyChipInputError(() => parse(bytes))), { numRuns: 400 });
  });

  it.each(parsers)('%s on deeply nested input', (_name, _sample, parse) => {
    for (const tag of [0x77, 0x61, 0x6d, 0x6f, 0x30]) {
      onlyChipInputError(() => parse(deeplyNested(tag, 20_000)));
    }
  });

  it('parseTd1Mrz on arbitrary text and on MRZ-alphabet text', () => {
    const mrzAlphabet = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'.split('')), minLength: 85, maxLength: 95 });
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), mrzAlphabet), (text) => onlyChipInputError(() => parseTd1Mrz(text))), { numRuns: 500 });
  });

  it('parseTd1Mrz reads any 90 MRZ characters with a valid sex letter', () => {
    const line = (n: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'.split('')), minLength: n, maxLength: n });
    fc.assert(
      fc.property(line(37), fc.constantFrom('M', 'F', '<'), line(52), (head, sex, tail) => {
        const parsed = parseTd1Mrz(head + sex + tail, { at: AT });
        expect(parsed.lines.join('')).toBe(head + sex + tail);
      }),
    );
  });
});

describe('passiveAuthenticate on hostile input', () => {
  it('reports (never throws) whatever bytes arrive in each field', () => {
    const fields = fc.record({
      sod: bytesAround(() => samples.sod),
      dg1: bytesAround(() => samples.dg1),
      dg13: fc.option(bytesAround(() => samples.dg13), { nil: undefined }),
      dg15: fc.option(bytesAround(() => samples.dg15), { nil: undefined }),
      aaSignature: fc.option(fc.uint8Array({ maxLength: 300 }), { nil: undefined }),
      aaChallenge: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fields, (input) => {
        const started = process.cpuUsage();
        let report;
        try {
          report = passiveAuthenticate(input, { trustList, at: AT });
        } catch (err) {
          // Only an empty SOD/DG1 (INPUT_MISSING) may be refused before checking.
          expect(err).toBeInstanceOf(ChipInputError);
          expect((err as ChipInputError).code).toBe('INPUT_MISSING');
          return;
        }
        const used = process.cpuUsage(started);
        expect((used.user + used.system) / 1000).toBeLessThan(MAX_CPU_MS_PER_CALL);
        const changed = ['dg1', 'dg13', 'dg15'].some((k) => {
          const sent = input[k as 'dg1'];
          return sent !== undefined && sent.length > 0 && !Buffer.from(sent).equals(samples[k]);
        });
        if (changed) expect(report.authentic).toBe(false);
        expect(report.checks.every((c) => c.message.length > 0 && !c.message.includes('{'))).toBe(true);
        // The guard in passiveAuthenticate is a safety net; hostile bytes must meet a real check.
        expect(report.checks.filter((c) => c.code === 'CHECK_FAILED_UNEXPECTEDLY')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('answers arbitrary strings with a report or a ChipInputError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('sod', 'dg1', 'dg2', 'dg13', 'dg15', 'aaSignature', 'aaChallenge'), (text, field) => {
        onlyChipInputError(() => passiveAuthenticate({ ...card, [field]: text }, { trustList, at: AT }));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every field one byte over its limit, whether base64 or bytes', () => {
    const fields = Object.keys(CHIP_INPUT_LIMITS).filter((k) => k !== 'total') as ChipField[];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.integer({ min: 1, max: 3 }), fc.boolean(), (field, extra, asBase64) => {
        const bytes = Buffer.alloc(CHIP_INPUT_LIMITS[field] + extra, 0x41);
        const value = asBase64 ? bytes.toString('base64') : bytes;
        expect(() => decodeField(field, value)).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }));
        expect(decodeField(field, bytes.subarray(0, CHIP_INPUT_LIMITS[field]).toString('base64'))?.length).toBe(CHIP_INPUT_LIMITS[field]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('round trip: build → passiveAuthenticate', () => {
  const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương'];
  const MIDDLE = ['Văn', 'Thị', 'Đức', 'Ngọc', 'Minh', 'Hữu'];
  const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Hằng', 'Đạt', 'Quỳnh', 'Tuấn', 'Yến', 'Ưng'];
  const iso = (d: Date) => d.toISOString().slice(0, 10);

  const person: fc.Arbitrary<TestPerson> = fc
    .record({
      born: fc.date({ min: new Date('1925-01-01'), max: new Date('2015-12-31'), noInvalidDate: true }),
      expires: fc.date({ min: new Date('2026-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
      sex: fc.constantFrom<'M' | 'F'>('M', 'F'),
      province: fc.constantFrom('001', '031', '048', '079', '096'),
      serial: fc.integer({ min: 0, max: 999_999 }),
      name: fc.tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN)),
      residence: fc.string({ maxLength: 120 }),
      religion: fc.option(fc.constantFrom('Không', 'Phật giáo', 'Công giáo', 'Cao Đài'), { nil: undefined }),
      spouse: fc.option(fc.constantFrom('Lê Thị Dung', 'Trần Văn Nam'), { nil: undefined }),
      legacyId: fc.option(fc.stringMatching(/^[0-9]{9}$/), { nil: undefined }),
    })
    .map(({ born, expires, sex, province, serial, name, residence, religion, spouse, legacyId }) => {
      const year = born.getUTCFullYear();
      const centuryDigit = (year >= 2000 ? 2 : 0) + (sex === 'F' ? 1 : 0);
      return {
        personalId: `${province}${centuryDigit}${String(year).slice(2)}${String(serial).padStart(6, '0')}`,
        fullName: name.join(' '),
        dateOfBirth: iso(born),
        sex,
        expiresOn: iso(expires),
        issuedOn: '2021-06-01',
        residence,
        religion,
        spouse,
        legacyId,
      };
    });

  it('authenticates every generated person and reads back what was written', async () => {
    await fc.assert(
      fc.asyncProperty(person, async (p) => {
        const built = await buildTestCard(p, { includeDg2: false, activeAuthentication: false });
        const report = passiveAuthenticate(built, { trustList, at: AT });
        expect(report.authentic).toBe(true);
        expect(report.checks.every((c) => c.status !== 'fail')).toBe(true);
        expect(report.dg1).toMatchObject({
          personalId: p.personalId,
          documentNumber: p.personalId.slice(-9),
          dateOfBirth: p.dateOfBirth,
          dateOfExpiry: p.expiresOn,
          sex: p.sex,
          surname: toMrzName(p.fullName.split(' ')[0]),
        });
        const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
        expect(report.dg13).toMatchObject(defined({
          personalId: p.personalId,
          fullName: p.fullName,
          dateOfBirth: p.dateOfBirth,
          sex: p.sex,
          expiresOn: p.expiresOn,
          residence: p.residence!.normalize('NFC').trim(),
          religion: p.religion,
          spouse: p.spouse,
          legacyId: p.legacyId,
        }));
        for (const absent of ['religion', 'spouse', 'legacyId'] as const) if (p[absent] === undefined) expect(report.dg13?.[absent]).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});
