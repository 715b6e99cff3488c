import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { COMMUNE_A, COMMUNE_B, insertFixturePeople } from './fixtures.js';
import { seedPopulation } from './admin.js';
import { imageMediaType, PORTRAIT_HEIGHT, PORTRAIT_WIDTH, syntheticPortrait } from './portrait.js';

const AN = { personalId: '082084001234', sex: 'Nam', dateOfBirth: '1984-05-12' };

/** Width and height from a baseline JPEG's SOF0 segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let i = 2;
  while (i < bytes.length) {
    const marker = bytes[i + 1];
    const length = bytes.readUInt16BE(i + 2);
    if (marker === 0xc0) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  throw new Error('no SOF0');
}

describe('synthetic portraits', () => {
  it('are small baseline JPEGs of the ICAO shape, the same bytes for the same person', () => {
    const a = syntheticPortrait(AN);
    expect(imageMediaType(a)).toBe('image/jpeg');
    expect(a.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(jpegSize(a)).toEqual({ width: PORTRAIT_WIDTH, height: PORTRAIT_HEIGHT });
    expect(a.length).toBeLessThan(8 * 1024);
    expect(syntheticPortrait({ ...AN })).toEqual(a);
  });

  it('differ between people', () => {
    const a = syntheticPortrait(AN);
    expect(syntheticPortrait({ personalId: '082186002345', sex: 'Nữ', dateOfBirth: '1986-02-03' })).not.toEqual(a);
    expect(syntheticPortrait({ ...AN, personalId: '082084001235' })).not.toEqual(a);
  });
});

describe('portraits in the registry', () => {
  let t: TestApp;
  let communeA: Session;
  let communeB: Session;
  let admin: Session;
  const get = (url: string, s: Session) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const put = (url: string, s: Session, payload: object) => t.app.inject({ method: 'PUT', url, headers: s.headers, payload });
  const photoUrl = `/api/v1/people/${AN.personalId}/photo`;

  beforeAll(async () => {
    t = await testApp();
    await insertFixturePeople(t.db);
    communeA = await t.officer('xa.a', 'commune_registry', COMMUNE_A);
    communeB = await t.officer('xa.b', 'commune_registry', COMMUNE_B);
    admin = await t.officer('qt', 'admin', '82');
  });
  afterAll(() => t.close());

  describe('authorization', () => {
    it('needs registry.read to see and registry.write to set; another area reads as absent', async () => {
      expect((await t.app.inject({ method: 'GET', url: photoUrl })).statusCode).toBe(401);
      expect((await get(photoUrl, admin)).statusCode).toBe(403);
      expect((await get(photoUrl, communeB)).statusCode).toBe(404);
      const image = syntheticPortrait(AN).toString('base64');
      expect((await put(photoUrl, admin, { image, source: 'card' })).statusCode).toBe(403);
      expect((await put(photoUrl, communeB, { image, source: 'card' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'PUT', url: photoUrl, headers: { cookie: communeA.cookie }, payload: { image, source: 'card' } })).statusCode).toBe(403);
    });
  });

  it('a person without a portrait answers 404 PORTRAIT_NOT_FOUND', async () => {
    const res = await get('/api/v1/people/082186002345/photo', communeA);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PORTRAIT_NOT_FOUND');
  });

  it('card issuance sets the portrait (audited write); each look at it is an audited read of the field photo', async () => {
    const image = syntheticPortrait({ ...AN, personalId: '082084009999' });
    const set = await put(photoUrl, communeA, { image: image.toString('base64'), source: 'card', capturedOn: '2021-06-01' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ personalId: AN.personalId, source: 'card', synthetic: false, mediaType: 'image/jpeg', capturedOn: '2021-06-01' });
    const written = await t.db.query<{ action: string; fields: string[] }>(
      `SELECT action, fields FROM audit_log WHERE action = 'person.photo.set' AND subject_id = $1`, [AN.personalId]);
    expect(written.rows).toEqual([{ action: 'person.photo.set', fields: ['photo'] }]);

    const res = await get(photoUrl, communeA);
    expect(res.statusCode).toBe(200);
    expect(Buffer.from(res.json().data, 'base64')).toEqual(image);
    const read = await t.db.query<{ fields: string[] }>(
      `SELECT fields FROM audit_log WHERE action = 'person.read' AND subject_id = $1 ORDER BY seq DESC LIMIT 1`, [AN.personalId]);
    expect(read.rows[0].fields).toEqual(['photo']);
  });

  it('refuses what is not a JPEG or PNG, and files over 64 KB, with field errors', async () => {
    const text = await put(photoUrl, communeA, { image: Buffer.from('không phải ảnh').toString('base64'), source: 'card' });
    expect(text.statusCode).toBe(400);
    expect(text.json().errors).toContainEqual(expect.objectContaining({ field: 'image', code: 'PHOTO_FORMAT' }));
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(65 * 1024)]);
    const large = await put(photoUrl, communeA, { image: big.toString('base64'), source: 'card' });
    expect(large.statusCode).toBe(400);
    expect(large.json().errors).toContainEqual(expect.objectContaining({ field: 'image', code: 'PHOTO_TOO_LARGE' }));
  });

  it('seeded residents have a synthetic portrait drawn on demand, the same for the same seed', async () => {
    await seedPopulation(t.db, { provinceCode: '82', people: 30, seed: 7, today: '2026-12-01' });
    const rows = await t.db.query<{ personal_id: string; source: string; image: unknown }>(
      `SELECT p.personal_id, t.source, t.image FROM portraits t JOIN people p ON p.id = t.person_id WHERE t.source = 'synthetic' ORDER BY p.id LIMIT 1`);
    expect(rows.rows[0]).toMatchObject({ source: 'synthetic', image: null });
    const province = await t.officer('tinh', 'province_registry', '82');
    const res = await get(`/api/v1/people/${rows.rows[0].personal_id}/photo`, province);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ source: 'synthetic', synthetic: true, mediaType: 'image/jpeg', capturedOn: null });
    const again = await get(`/api/v1/people/${rows.rows[0].personal_id}/photo`, province);
    expect(again.json().data).toBe(res.json().data);
  });
});
