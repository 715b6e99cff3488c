import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { PDF_BYTES } from './testing.js';

// One-tap reuse of the citizen's document store (issue 16, "never asked twice") through HTTP: a paper uploaded once
// for a temporary residence is offered, and attached by reference, for the permanent residence that asks for the
// same paper; a birth extract da06 issued stands for the proof of family relation; another's, a revoked one and a
// document of another kind are refused.

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
type Method = 'GET' | 'POST';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
type Candidate = { paper: string; ref: string; source: string; title: string; fileName: string; at: string; origin: string | null };

async function draft(who: CitizenSession, procedure: string): Promise<number> {
  const d = await inject('POST', DOSSIERS, who.headers, { procedure });
  expect(d.statusCode, d.body).toBe(201);
  return d.json().id as number;
}

/** A birth extract of An, signed and kept by the documents module as a returned birth registration keeps it. */
async function birthExtract(): Promise<string> {
  const signed = (await t.services.documents.sign({
    kind: 'birth', title: 'Trích lục khai sinh', source: { kind: 'dossier', id: 1, code: null },
    holder: { personalId: SIGN_UPS.an.personalId, name: SIGN_UPS.an.fullName }, unit: { code: COMMUNE_A, provinceCode: '82', name: 'Ủy ban nhân dân xã', agency: 'commune_people_committee' },
  }, async (seal) => {
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.font('Helvetica').text('Trich luc khai sinh (thu)');
    seal.placeholder(doc);
    doc.end();
    return done;
  }))!;
  await t.services.documents.record(t.db, signed);
  return signed.id;
}

let uploadId = 0;
let extractId = '';

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  const temporary = await draft(an, 'dang-ky-tam-tru');
  const up = await inject('POST', `${DOSSIERS}/${temporary}/documents`, an.headers, { kind: 'giay-to-cho-o-hop-phap', fileName: 'hop-dong-thue-nha.pdf', content: PDF_BYTES.toString('base64') });
  expect(up.statusCode, up.body).toBe(201);
  uploadId = up.json().id as number;
  extractId = await birthExtract();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('reusing documents of the store in a later dossier', () => {
  it('offers the paper uploaded once and the birth extract for the papers of a permanent residence', async () => {
    const id = await draft(an, 'dang-ky-thuong-tru');
    const res = await inject('GET', `${DOSSIERS}/${id}/stored-documents`, an.headers);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Candidate[];
    expect(items).toEqual(expect.arrayContaining([
      expect.objectContaining({ paper: 'giay-to-cho-o-hop-phap', ref: `dossier_document:${uploadId}`, source: 'upload', fileName: 'hop-dong-thue-nha.pdf' }),
      expect.objectContaining({ paper: 'giay-to-quan-he-nhan-than', ref: `signed_document:${extractId}`, source: 'result', title: 'Trích lục khai sinh' }),
    ]));
    // Nothing is offered for a paper it cannot stand for, and the dossier's own uploads are not offered back.
    expect(items.filter((i) => i.ref === `signed_document:${extractId}`).map((i) => i.paper)).toEqual(['giay-to-quan-he-nhan-than']);
    // Another citizen's store is theirs: Bích has nothing to reuse.
    const other = await inject('GET', `${DOSSIERS}/${await draft(bich, 'dang-ky-thuong-tru')}/stored-documents`, bich.headers);
    expect(other.json().items).toEqual([]);
    // The reading is in the audit log, naming the citizen.
    const entries = await t.db.query<{ subject_id: string }>("SELECT subject_id FROM audit_log WHERE action = 'services.store.read' ORDER BY seq");
    expect(entries.rows.map((r) => r.subject_id)).toEqual([SIGN_UPS.an.personalId, SIGN_UPS.bich.personalId]);
  });

  it('attaches both with one call each: the same bytes, the reference kept, one audit entry each; the dossier lists them', async () => {
    const id = await draft(an, 'dang-ky-thuong-tru');
    const a = await inject('POST', `${DOSSIERS}/${id}/documents/from-store`, an.headers, { kind: 'giay-to-cho-o-hop-phap', ref: `dossier_document:${uploadId}` });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ kind: 'giay-to-cho-o-hop-phap', fileName: 'hop-dong-thue-nha.pdf', mediaType: 'application/pdf', sizeBytes: PDF_BYTES.length });
    const b = await inject('POST', `${DOSSIERS}/${id}/documents/from-store`, an.headers, { kind: 'giay-to-quan-he-nhan-than', ref: `signed_document:${extractId}` });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ kind: 'giay-to-quan-he-nhan-than', fileName: 'trich-luc-khai-sinh.pdf', mediaType: 'application/pdf' });
    const signedSha = (await t.db.query<{ sha256: string }>('SELECT sha256 FROM signed_documents WHERE id = $1', [extractId])).rows[0].sha256;
    expect(b.json().sha256).toBe(signedSha);

    const rows = (await t.db.query<{ kind: string; reused_from: string }>('SELECT kind, reused_from FROM dossier_documents WHERE dossier_id = $1 ORDER BY id', [id])).rows;
    expect(rows).toEqual([
      { kind: 'giay-to-cho-o-hop-phap', reused_from: `dossier_document:${uploadId}` },
      { kind: 'giay-to-quan-he-nhan-than', reused_from: `signed_document:${extractId}` },
    ]);
    const audit = (await t.db.query<{ subject_id: string; data: unknown }>("SELECT subject_id, data FROM audit_log WHERE action = 'services.document.reused' ORDER BY seq")).rows;
    expect(audit.map((r) => r.subject_id)).toEqual([String(id), String(id)]);
    expect(JSON.parse(String(audit[1].data))).toEqual({ paper: 'giay-to-quan-he-nhan-than', source: `signed_document:${extractId}` });
    const dossier = await inject('GET', `${DOSSIERS}/${id}`, an.headers);
    expect((dossier.json().documents as { kind: string }[]).map((d) => d.kind).sort()).toEqual(['giay-to-cho-o-hop-phap', 'giay-to-quan-he-nhan-than']);
    // The attached copy downloads as the original's bytes.
    const attached = await inject('GET', `${DOSSIERS}/${id}/documents/${a.json().id}`, an.headers);
    expect(Buffer.from(attached.json().content as string, 'base64').equals(PDF_BYTES)).toBe(true);
  });

  it('refuses another\'s document, a document of another kind, an unknown paper, a made-up reference, a submitted dossier', async () => {
    const id = await draft(an, 'dang-ky-thuong-tru');
    const post = (who: CitizenSession, dossier: number, body: object) => inject('POST', `${DOSSIERS}/${dossier}/documents/from-store`, who.headers, body);
    const mine = await draft(bich, 'dang-ky-thuong-tru');
    for (const ref of [`dossier_document:${uploadId}`, `signed_document:${extractId}`]) {
      const r = await post(bich, mine, { kind: 'giay-to-quan-he-nhan-than', ref });
      expect([r.statusCode, r.json().code]).toEqual([404, 'STORED_DOCUMENT_NOT_FOUND']);
    }
    const wrongKind = await post(an, id, { kind: 'giay-to-quan-he-nhan-than', ref: `dossier_document:${uploadId}` });
    expect([wrongKind.statusCode, wrongKind.json().code]).toEqual([422, 'STORED_DOCUMENT_WRONG_KIND']);
    const resultForOther = await post(an, id, { kind: 'giay-to-cho-o-hop-phap', ref: `signed_document:${extractId}` });
    expect([resultForOther.statusCode, resultForOther.json().code]).toEqual([422, 'STORED_DOCUMENT_WRONG_KIND']);
    const unknownPaper = await post(an, id, { kind: 'giay-khong-co', ref: `dossier_document:${uploadId}` });
    expect([unknownPaper.statusCode, unknownPaper.json().code]).toEqual([422, 'DOCUMENT_REFUSED']);
    for (const ref of ['signed_document:not-a-uuid', 'dossier_document:999999', 'file:///etc/passwd']) {
      const r = await post(an, id, { kind: 'giay-to-cho-o-hop-phap', ref });
      expect([r.statusCode, r.json().code], ref).toEqual([404, 'STORED_DOCUMENT_NOT_FOUND']);
    }
    // A dossier without a citizen session: 401; none of the refusals attached anything.
    expect((await inject('POST', `${DOSSIERS}/${id}/documents/from-store`, {}, { kind: 'giay-to-cho-o-hop-phap', ref: `dossier_document:${uploadId}` })).statusCode).toBe(401);
    expect((await t.db.query('SELECT 1 FROM dossier_documents WHERE dossier_id = ANY($1::bigint[])', [[id, mine]])).rows).toEqual([]);
  });

  it('a revoked result is no longer offered, and refused if asked for', async () => {
    await t.db.query("UPDATE signed_documents SET revoked_at = now(), revocation_reason = 'Cấp nhầm' WHERE id = $1", [extractId]);
    const id = await draft(an, 'dang-ky-thuong-tru');
    const items = (await inject('GET', `${DOSSIERS}/${id}/stored-documents`, an.headers)).json().items as Candidate[];
    expect(items.some((i) => i.ref === `signed_document:${extractId}`)).toBe(false);
    const r = await inject('POST', `${DOSSIERS}/${id}/documents/from-store`, an.headers, { kind: 'giay-to-quan-he-nhan-than', ref: `signed_document:${extractId}` });
    expect([r.statusCode, r.json().code]).toEqual([409, 'STORED_DOCUMENT_REVOKED']);
  });
});
