// documents.sign.per_s: result PDFs drawn (one A4 page with a QR) and signed (PAdES, RSA-2048, the development
// certificate) per second, one after another, by the documents module's `sign` (what an approval waits for);
// documents.draw.per_s: the same pages drawn without the signature field, not signed (the drawing's share);
// documents.store.per_s: signed results kept in PostgreSQL (`record`, 8 in flight); documents.verify.per_s: QR checks
// (`verifyLink`: id + token hash lookup on PostgreSQL, 8 in flight), service calls without HTTP (not yet through /verify).
// documents.bare_rsa_sign.per_s: node:crypto RSA-2048 PKCS#1 v1.5 signatures of one SHA-256 digest, and
// documents.ratio_sign_to_bare = sign.per_s / bare_rsa_sign.per_s.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Sealing, SignedResult } from '../src/modules/documents/index.js';
import { migrate } from '../src/platform/migrate.js';
import { openPostgres } from '../src/platform/db.js';
import { emit, scratchPostgres, withServices } from './_common.js';

const N = Number(process.env.BENCH_DOCUMENTS ?? 200);

async function page(seal: Sealing | null, i: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(14).text('XAC NHAN THONG TIN VE CU TRU', { align: 'center' });
  for (let k = 0; k < 12; k++) doc.fontSize(11).text(`Truong ${k}: gia tri ${i}-${k}`);
  const url = seal?.verifyUrl ?? `https://id.tinh.gov.vn/verify?d=${i}`;
  doc.image(await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, scale: 4 }), 400, 80, { width: 110 });
  doc.link(400, 80, 110, 110, url);
  if (seal) seal.placeholder(doc);
  doc.end();
  return done;
}

const meta = (i: number) => ({
  kind: 'residence_confirmation', title: 'Xác nhận thông tin về cư trú', source: { kind: 'dossier' as const, id: i, code: `B-${i}` },
  holder: { personalId: '082190000001', name: 'Nguyễn Văn Thử' }, unit: { code: '30001', provinceCode: '82', name: 'Công an xã Thử', agency: 'commune_police' },
});

async function inFlight<T>(items: T[], width: number, fn: (x: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

export async function run() {
  const scratch = await scratchPostgres();
  try {
    const owner = await openPostgres(scratch.url, 1);
    await migrate(owner);
    await owner.close();
    await withServices(scratch.url, { DA06_ENV: 'development', LOG_LEVEL: 'silent' }, async (services, db) => {
      const documents = services.documents;
      await documents.sign(meta(0), (s) => page(s, 0)); // the development certificate generated and loaded once
      let t0 = performance.now();
      for (let i = 0; i < N; i++) await page(null, i);
      emit('documents.draw.per_s', N / ((performance.now() - t0) / 1000), 'pages/s');

      const signed: SignedResult[] = [];
      t0 = performance.now();
      for (let i = 0; i < N; i++) signed.push((await documents.sign(meta(i), (s) => page(s, i)))!);
      const signPerS = N / ((performance.now() - t0) / 1000);
      emit('documents.sign.per_s', signPerS, 'documents/s');
      emit('documents.pdf_bytes', signed[0]!.pdf.length, 'bytes');

      t0 = performance.now();
      await inFlight(signed, 8, (s) => documents.record(db, s));
      emit('documents.store.per_s', N / ((performance.now() - t0) / 1000), 'documents/s');

      // The QR's link is also the link annotation over its block: /URI (…/verify?d=…&t=…).
      const links = signed.map((s) => new URL(/\/URI \((https?:[^)]*)\)/.exec(s.pdf.toString('latin1'))![1]!));
      t0 = performance.now();
      await inFlight(links, 8, async (u) => {
        const v = await documents.verifyLink(u.searchParams.get('d')!, u.searchParams.get('t')!);
        if (!v.authentic) throw new Error('a signed document did not verify');
      });
      emit('documents.verify.per_s', N / ((performance.now() - t0) / 1000), 'checks/s');

      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const digest = createHash('sha256').update('da06').digest();
      const M = 2000;
      t0 = performance.now();
      for (let i = 0; i < M; i++) sign('sha256', digest, privateKey);
      const bare = M / ((performance.now() - t0) / 1000);
      emit('documents.bare_rsa_sign.per_s', bare, 'signatures/s');
      emit('documents.ratio_sign_to_bare', signPerS / bare, 'ratio');
    });
  } finally {
    await scratch.drop();
  }
}
