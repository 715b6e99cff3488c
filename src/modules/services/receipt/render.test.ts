import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { PNG } from 'pngjs';
import { pdfPageImages, pdftoppmMissing, type PageImage } from '../../operations/testing.js';
import { lookupLink, renderApologyPdf, renderReceiptPdf, renderRefusalPdf, renderSupplementPdf, QR_SIDE_MM } from './index.js';
import { MARGINS_MM, PAGE, SIGNATURE_SPACE_PT, mmToPt } from './pdf-form.js';
import { FORM_TITLES, NATIONAL_MOTTO, NATIONAL_NAME, NOT_REQUIRED_HEADING, feeLines, timeLimitWords } from './wording.js';
import { APOLOGY, DOSSIER_CODE, RECEIPT, REFUSAL, SUPPLEMENT } from './render.fixture.js';

/** Text compared without whitespace: lines wrap anywhere. */
const squash = (text: string): string => text.normalize('NFC').replace(/\s+/g, '');

interface Word { page: number; text: string; left: number; top: number; right: number; bottom: number }

/** The PDF's text and its words with their boxes (points from the page's top left), read by Poppler's pdftotext. */
function pdftotext(pdf: Buffer): { text: string; words: Word[] } {
  const dir = mkdtempSync(join(tmpdir(), 'da06-receipt-'));
  try {
    const file = join(dir, 'paper.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const words: Word[] = [];
    html.split('<page ').slice(1).forEach((page, i) => {
      for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        const unescaped = m[5].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        words.push({ page: i + 1, text: unescaped, left: Number(m[1]), top: Number(m[2]), right: Number(m[3]), bottom: Number(m[4]) });
      }
    });
    return { text, words };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first run of consecutive words reading `phrase`. */
function phraseBox(words: Word[], phrase: string): Word {
  const wanted = phrase.split(/\s+/);
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (wanted.every((w, k) => words[i + k].text === w)) {
      const run = words.slice(i, i + wanted.length);
      return { page: run[0].page, text: phrase, left: run[0].left, top: Math.min(...run.map((w) => w.top)), right: run.at(-1)!.right, bottom: Math.max(...run.map((w) => w.bottom)) };
    }
  }
  throw new Error(`"${phrase}" is not in the PDF`);
}

/**
 * Reads the QR printed at the right edge of the text block beside "Mã hồ sơ:" with ZXing, the
 * decoder the web desk scans codes with (web/src/desk/qr-decoder.ts).
 */
function readQr(page: PageImage, words: Word[]): string {
  const label = phraseBox(words, 'Mã hồ sơ:');
  const k = page.dpi / 72;
  const right = PAGE.width - mmToPt(MARGINS_MM.right) + mmToPt(3);
  const left = right - mmToPt(QR_SIDE_MM + 6);
  const box = { left: Math.floor(left * k), top: Math.floor((label.top - mmToPt(4)) * k), width: Math.ceil((right - left) * k), height: Math.ceil(mmToPt(QR_SIDE_MM + 8) * k) };
  const png = PNG.sync.read(page.png);
  const luminance = new Uint8ClampedArray(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const i = ((box.top + y) * png.width + box.left + x) * 4;
      luminance[y * box.width + x] = (png.data[i] * 299 + png.data[i + 1] * 587 + png.data[i + 2] * 114) / 1000;
    }
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, box.width, box.height)));
  return new QRCodeReader().decode(bitmap, new Map([[DecodeHintType.CHARACTER_SET, 'UTF-8']])).getText();
}

const noPoppler = pdftoppmMissing();
const skipNote = noPoppler ? ` (skipped: ${noPoppler})` : '';

describe('the receipt wording', () => {
  it('states the time limit as the procedure does', () => {
    expect(timeLimitWords({ workingDays: 3 })).toBe('3 ngày làm việc');
    expect(timeLimitWords({ workingHours: 4 })).toBe('4 giờ làm việc');
    expect(timeLimitWords({ sameDay: true })).toBe('trong ngày làm việc');
    expect(timeLimitWords({})).toBe('theo quy định của thủ tục');
  });

  it('writes fees in đồng with Vietnamese grouping, a total for several, and says when nothing is charged', () => {
    expect(feeLines([])).toEqual(['Không thu phí, lệ phí']);
    expect(feeLines([{ label: 'Lệ phí', amount: 0 }])).toEqual(['Lệ phí: miễn']);
    expect(feeLines([{ label: 'Phí', amount: 1_500_000 }, { label: 'Lệ phí', amount: 20_000 }])).toEqual(['Phí: 1.500.000 đồng', 'Lệ phí: 20.000 đồng', 'Tổng cộng: 1.520.000 đồng']);
  });

  it('links the public look-up page to the dossier code', () => {
    const link = new URL(lookupLink({ lookupUrl: 'https://dvc.example.vn/tra-cuu?lang=vi', dossierCode: 'G22.99.08-260921-896048' }));
    expect(link.searchParams.get('maHoSo')).toBe('G22.99.08-260921-896048');
    expect(link.searchParams.get('lang')).toBe('vi');
  });
});

describe.skipIf(noPoppler !== null)(`Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả${skipNote}`, () => {
  let pdf: Buffer;
  let read: ReturnType<typeof pdftotext>;

  beforeAll(async () => {
    pdf = await renderReceiptPdf(RECEIPT);
    read = pdftotext(pdf);
  });

  it('writes every field of the receipt with its Vietnamese letters intact', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(read.text).not.toContain('\u0000');
    const flat = squash(read.text);
    for (const expected of [
      NATIONAL_NAME, NATIONAL_MOTTO, 'ỦY BAN NHÂN DÂN XÃ TÂN HÒA', 'BỘ PHẬN MỘT CỬA', 'Tân Hòa, ngày 12 tháng 02 năm 2026',
      FORM_TITLES.receipt, `Mã hồ sơ: ${DOSSIER_CODE}`, lookupLink(RECEIPT),
      'Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung', RECEIPT.applicant.address!, RECEIPT.applicant.phone!,
      'Nội dung yêu cầu giải quyết: Đăng ký thường trú (mã thủ tục 1.004222)',
      '(1) Thành phần hồ sơ nộp gồm:', ...RECEIPT.documents.map((d) => d.name), 'Bản chính', 'Bản sao',
      `${NOT_REQUIRED_HEADING}: 3`, ...RECEIPT.notRequired,
      '(2) Số lượng hồ sơ: 1 bộ', '(3) Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc',
      '(4) Thời gian nhận hồ sơ: 14 giờ 05 phút, ngày 12/02/2026',
      '(5) Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 24/02/2026',
      '(6) Đăng ký nhận kết quả tại: Bộ phận Một cửa: quầy số 3',
      'Phí, lệ phí: Lệ phí đăng ký thường trú: 20.000 đồng', 'Quyển số: 02/2026, Số thứ tự: 123',
      'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', '(Ký và ghi rõ họ tên)', 'Trần Văn Bình',
    ]) {
      expect(flat).toContain(squash(expected));
    }
  });

  describe('as a page image', () => {
    let pages: PageImage[];
    beforeAll(() => {
      pages = pdfPageImages(pdf, 200);
      const sample = process.env.DA06_WRITE_SAMPLE;
      if (sample) writeFileSync(join(sample === '1' ? tmpdir() : sample, 'da06-receipt-page1.png'), pages[0].png);
    });

    it('fits one A4 page', () => {
      expect(pages).toHaveLength(1);
      expect(pages[0].width / 200 * 72).toBeCloseTo(PAGE.width, 0);
    });

    it('prints a QR that reads as the look-up link of the dossier code', () => {
      const text = readQr(pages[0], read.words);
      expect(text).toBe(lookupLink(RECEIPT));
      expect(new URL(text).searchParams.get('maHoSo')).toBe(DOSSIER_CODE);
    });

    it('puts the unit top left and the national name top right, on one level', () => {
      const unit = phraseBox(read.words, 'BỘ PHẬN MỘT CỬA');
      const national = phraseBox(read.words, 'CỘNG HÒA XÃ HỘI');
      const middle = PAGE.width / 2;
      expect(unit.right).toBeLessThan(middle);
      expect(national.left).toBeGreaterThan(mmToPt(MARGINS_MM.left) + 100);
      expect(national.top).toBeLessThan(unit.bottom);
      const title = phraseBox(read.words, 'GIẤY TIẾP NHẬN HỒ SƠ');
      expect(title.top).toBeGreaterThan(unit.bottom);
    });

    it('signs the applicant on the left and the officer on the right, with room to sign above each name', () => {
      const applicantCaption = phraseBox(read.words, 'NGƯỜI NỘP HỒ SƠ');
      const officerCaption = phraseBox(read.words, 'NGƯỜI TIẾP NHẬN HỒ SƠ');
      const officer = phraseBox(read.words, 'Trần Văn Bình');
      const applicantNames = read.words.filter((w) => w.text === 'Nhung' && w.top > applicantCaption.bottom);
      expect(applicantNames).toHaveLength(1);
      expect(Math.abs(applicantCaption.top - officerCaption.top)).toBeLessThan(2);
      expect(applicantCaption.right).toBeLessThan(PAGE.width / 2 + 20);
      expect(officerCaption.left).toBeGreaterThan(PAGE.width / 2);
      expect(Math.abs(applicantNames[0].top - officer.top)).toBeLessThan(2);
      // Nothing is printed between the hint and the names: the blank is the space for the signature.
      const hint = read.words.filter((w) => w.text === 'tên)' && w.top > officerCaption.bottom).at(-1)!;
      expect(officer.top - hint.bottom).toBeGreaterThan(SIGNATURE_SPACE_PT - 2);
      const between = read.words.filter((w) => w.top > hint.bottom + 1 && w.bottom < officer.top - 1);
      expect(between).toEqual([]);
    });
  });

  it('carries a long list of documents over a page and keeps the signatures together', async () => {
    const documents = Array.from({ length: 40 }, (_, i) => ({ name: `Giấy tờ số ${i + 1} kèm theo hồ sơ`, originals: 1, copies: i % 2 }));
    const { words } = pdftotext(await renderReceiptPdf({ ...RECEIPT, documents }));
    const pages = Math.max(...words.map((w) => w.page));
    expect(pages).toBeGreaterThan(1);
    expect(phraseBox(words, 'Giấy tờ số 40').page).toBe(pages);
    // The heading row repeats at the top of the next page.
    expect(words.filter((w) => w.text === 'STT').map((w) => w.page)).toEqual([1, 2]);
    expect(phraseBox(words, 'NGƯỜI NỘP HỒ SƠ').page).toBe(phraseBox(words, 'Trần Văn Bình').page);
  });

  it('says so when no paper had to be handed in and nothing is charged', async () => {
    const { text } = pdftotext(await renderReceiptPdf({ ...RECEIPT, documents: [], fees: [] }));
    expect(squash(text)).toContain(squash('Không có giấy tờ phải nộp.'));
    expect(squash(text)).toContain(squash('Phí, lệ phí: Không thu phí, lệ phí'));
  });

  it('writes one unnamed fee beside the heading, without repeating it (the officer desk passes the dossier\'s fee so)', async () => {
    const { text } = pdftotext(await renderReceiptPdf({ ...RECEIPT, fees: [{ label: 'Phí, lệ phí', amount: 0 }] }));
    expect(squash(text)).toContain(squash('Phí, lệ phí: miễn'));
    expect(squash(text)).not.toContain(squash('Phí, lệ phí: Phí, lệ phí'));
  });

  it('fails with an error naming the missing font file', async () => {
    const family = { name: 'Nowhere', dir: '/nonexistent/fonts', files: { regular: 'R.ttf', bold: 'B.ttf', italic: 'I.ttf', boldItalic: 'BI.ttf' } };
    await expect(renderReceiptPdf(RECEIPT, { fontFamilies: [family] })).rejects.toThrow(/\/nonexistent\/fonts\/R\.ttf/);
  });
});

describe.skipIf(noPoppler !== null)(`Mẫu 02, 03 and 04 from the same helpers${skipNote}`, () => {
  it('Mẫu 02 lists everything to supplement in one go, numbered, with the reasons', async () => {
    const { text } = pdftotext(await renderSupplementPdf(SUPPLEMENT));
    const flat = squash(text);
    expect(flat).toContain(squash(FORM_TITLES.supplement));
    expect(flat).toContain(squash('gồm những nội dung sau (3 nội dung):'));
    SUPPLEMENT.items.forEach((item, i) => expect(flat).toContain(squash(`${i + 1}. ${item.what}`)));
    expect(flat).toContain(squash('Lý do: bản đã nộp không đọc được trang 2'));
    expect(flat).toContain(squash('Đề nghị bổ sung trước: 17 giờ 00 phút, ngày 02/03/2026'));
    expect(flat).toContain(squash('Tân Hòa, ngày 13 tháng 02 năm 2026'));
    expect(flat).toContain(squash('NGƯỜI HƯỚNG DẪN'));
  });

  it('Mẫu 03 gives the reasons of the refusal', async () => {
    const flat = squash(pdftotext(await renderRefusalPdf(REFUSAL)).text);
    expect(flat).toContain(squash(FORM_TITLES.refusal));
    expect(flat).toContain(squash(`1. ${REFUSAL.reasons[0]}`));
    expect(flat).toContain(squash('NGƯỜI TIẾP NHẬN HỒ SƠ'));
  });

  it('Mẫu 04 apologises with the first appointment and the one new appointment', async () => {
    const flat = squash(pdftotext(await renderApologyPdf(APOLOGY)).text);
    expect(flat).toContain(squash(FORM_TITLES.apology));
    expect(flat).toContain(squash('Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung'));
    expect(flat).toContain(squash('hẹn trả kết quả lúc 17 giờ 00 phút, ngày 24/02/2026'));
    expect(flat).toContain(squash('Thời gian hẹn trả kết quả mới: 17 giờ 00 phút, ngày 03/03/2026'));
    expect(flat).toContain(squash('TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Ký, ghi rõ họ tên và đóng dấu)'));
    expect(flat).toContain(squash('Lê Minh Tâm'));
  });

  it('prints the same readable QR on each of them', async () => {
    for (const pdf of [await renderSupplementPdf(SUPPLEMENT), await renderRefusalPdf(REFUSAL), await renderApologyPdf(APOLOGY)]) {
      const [page] = pdfPageImages(pdf, 200);
      expect(readQr(page, pdftotext(pdf).words)).toBe(lookupLink(RECEIPT));
    }
  });
});
