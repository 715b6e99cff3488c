import { parseCsvRecord } from '../../platform/csv.js';
import { DomainError, fieldError, type FieldError } from './errors.js';

/**
 * A bank statement as the accountant uploads it: UTF-8 CSV, one header line exactly
 * `transaction_id,booked_on,amount,description`, then one credit per line. Strict: every bad line is named
 * by its number with the reason, in Vietnamese, and nothing is stored unless every line is right.
 */
export interface StatementLine {
  lineNo: number;
  transactionId: string;
  bookedOn: string;
  amount: number;
  description: string;
  /** The payment reference found in the description (the transfer text starts with it), if any. */
  reference: string | null;
}

export const STATEMENT_HEADER = 'transaction_id,booked_on,amount,description';
export const STATEMENT_MAX_LINES = 20_000;
const MAX_ERRORS = 50;
/** A reference as newReference writes it: TT + yymmdd + 8 characters of Crockford's base 32. */
const REFERENCE_IN_TEXT = /\bTT\d{6}[0-9A-HJKMNP-TV-Z]{8}\b/;

const validDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export function parseStatement(text: string): StatementLine[] {
  const errors: FieldError[] = [];
  const bad = (lineNo: number, reason: string) => {
    if (errors.length < MAX_ERRORS) errors.push(fieldError(`line ${lineNo}`, 'STATEMENT_LINE', { line: lineNo, reason }));
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines[0]?.trim() !== STATEMENT_HEADER) {
    bad(1, `dòng đầu phải đúng là "${STATEMENT_HEADER}"`);
    throw new DomainError('PAYMENT_STATEMENT_INVALID', {}, errors);
  }
  if (lines.length - 1 > STATEMENT_MAX_LINES) {
    bad(STATEMENT_MAX_LINES + 2, `tệp có quá ${STATEMENT_MAX_LINES} dòng giao dịch`);
    throw new DomainError('PAYMENT_STATEMENT_INVALID', {}, errors);
  }
  if (lines.length < 2) {
    bad(2, 'tệp không có giao dịch nào');
    throw new DomainError('PAYMENT_STATEMENT_INVALID', {}, errors);
  }
  const out: StatementLine[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const fields = parseCsvRecord(lines[i]);
    if (!fields) {
      bad(lineNo, 'dấu ngoặc kép không đúng quy tắc CSV');
      continue;
    }
    if (fields.length !== 4) {
      bad(lineNo, `cần đúng 4 cột, có ${fields.length}`);
      continue;
    }
    const [transactionId, bookedOn, amountText, description] = fields.map((f) => f.trim());
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(transactionId)) bad(lineNo, 'mã giao dịch (transaction_id) gồm 1–64 chữ cái không dấu, chữ số, dấu chấm, hai chấm, gạch ngang');
    else if (seen.has(transactionId)) bad(lineNo, `mã giao dịch ${transactionId} trùng với dòng ${seen.get(transactionId)}`);
    if (!validDay(bookedOn)) bad(lineNo, 'ngày ghi sổ (booked_on) phải là ngày có thật dạng YYYY-MM-DD');
    if (!/^[1-9]\d{0,12}$/.test(amountText)) bad(lineNo, 'số tiền (amount) là số nguyên đồng lớn hơn 0, không có dấu phân cách');
    if (description.length > 500) bad(lineNo, 'nội dung (description) dài quá 500 ký tự');
    seen.set(transactionId, lineNo);
    out.push({
      lineNo, transactionId, bookedOn, amount: Number(amountText), description,
      reference: REFERENCE_IN_TEXT.exec(description.toUpperCase())?.[0] ?? null,
    });
  }
  if (errors.length) throw new DomainError('PAYMENT_STATEMENT_INVALID', {}, errors);
  return out;
}
