/**
 * Fee of a procedure on a day, by channel: the dated fee rules of the procedure file (free, fixed,
 * per page in tiers with a cap, per person; online may be lower than direct) and the exemptions
 * that waive them (Luật Hộ tịch 2014 Art. 11 and others, data/procedures/fee-exemptions.json).
 * Amounts are VND integers. The quote names the rule applied and its source.
 */
import { formatIsoDate, formatNumber } from '../../../platform/format.js';
import type { FeeInput, FeeQuote, FeeRule, Procedure } from './types.js';
import { inForce } from './in-force.js';

const vnd = (n: number) => `${formatNumber(n)} đồng`;
/** Amount of a per-page rule for one copy of `pages` pages. */
export function perPageAmount(rule: Extract<FeeRule, { kind: 'per_page' }>, pages: number): { amount: number; parts: string[] } {
  let amount = 0;
  const parts: string[] = [];
  rule.tiers.forEach((t, i) => {
    const last = i + 1 < rule.tiers.length ? rule.tiers[i + 1].fromPage - 1 : Infinity;
    const count = Math.max(0, Math.min(pages, last) - t.fromPage + 1);
    if (count > 0) {
      amount += count * t.amount;
      parts.push(`${count} trang × ${vnd(t.amount)}`);
    }
  });
  if (rule.cap !== undefined && amount > rule.cap) return { amount: rule.cap, parts: [`${parts.join(' + ')}, tối đa ${vnd(rule.cap)}`] };
  return { amount, parts };
}

function positiveInt(value: number | undefined, what: string): number {
  if (value === undefined) return 1;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${what} phải là số nguyên dương (giá trị: ${String(value)})`);
  return value;
}

/**
 * The rule in force on `on` that fits the input: a late registration takes the late rules where the
 * procedure has some (the others never see them); per page when pages are given, per person when persons are, else
 * the dossier rule.
 */
function pickRule(p: Procedure, input: FeeInput): FeeRule | null {
  const dated = p.fees.filter((r) => inForce(r, input.on));
  const lateRules = dated.filter((r) => r.late);
  const rules = input.late && lateRules.length > 0 ? lateRules : dated.filter((r) => !r.late);
  if (rules.length === 0) return null;
  const byKind = (k: FeeRule['kind']) => rules.find((r) => r.kind === k);
  if (input.pages !== undefined && byKind('per_page')) return byKind('per_page') ?? null;
  if (input.persons !== undefined && byKind('per_person')) return byKind('per_person') ?? null;
  return rules.find((r) => r.kind !== 'per_person' && r.kind !== 'per_page') ?? rules[0];
}

export function computeFee(p: Procedure, input: FeeInput): FeeQuote {
  const { channel } = input;
  const rule = pickRule(p, input);
  const base = { currency: 'VND' as const, channel, rule };
  if (!rule) {
    return { ...base, amount: 0, exemption: null, explanation: `Không thu phí, lệ phí (không có mức phí nào có hiệu lực ngày ${formatIsoDate(input.on)})`, source: null };
  }
  if (rule.kind === 'free') return { ...base, amount: 0, exemption: null, explanation: `${rule.label}: miễn phí`, source: rule.source };
  if (input.exemption !== undefined) {
    const exemption = (rule.exemptions ?? []).find((e) => e.code === input.exemption && inForce(e, input.on));
    if (exemption) {
      return { ...base, amount: 0, exemption, explanation: `${rule.label}: được miễn — ${exemption.label}`, source: exemption.source };
    }
  }
  const online = channel === 'online';
  let amount: number;
  let explanation: string;
  switch (rule.kind) {
    case 'fixed':
      amount = online ? rule.online : rule.direct;
      explanation = `${rule.label} (${online ? 'nộp trực tuyến' : 'nộp trực tiếp'}): ${vnd(amount)}`;
      break;
    case 'per_person': {
      const persons = positiveInt(input.persons, 'Số người');
      const each = online ? rule.online : rule.direct;
      amount = persons * each;
      explanation = `${rule.label} (${online ? 'nộp trực tuyến' : 'nộp trực tiếp'}): ${persons} người × ${vnd(each)} = ${vnd(amount)}`;
      break;
    }
    case 'per_page': {
      const pages = positiveInt(input.pages, 'Số trang');
      const quote = perPageAmount(rule, pages);
      amount = online && rule.onlineFactor !== undefined ? Math.round(quote.amount * rule.onlineFactor) : quote.amount;
      explanation = `${rule.label}: ${quote.parts.join(' + ')} = ${vnd(amount)}`;
      break;
    }
  }
  const ignored = input.exemption !== undefined ? ` (diện miễn "${input.exemption}" không áp dụng cho khoản này)` : '';
  return { ...base, amount, exemption: null, explanation: explanation + ignored, source: rule.source };
}

/** A count read from a form: a positive safe integer, else absent. */
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : undefined);

/**
 * The counts a per-page fee reads from a dossier's form: `pages` of the original and `copies` wanted (the
 * certified-copy procedure's form fields). Absent when the form has none (then the fee is the dossier's rule).
 */
export function formCounts(form: Record<string, unknown> | null | undefined): { pages?: number; copies?: number } {
  const pages = count(form?.pages);
  const copies = count(form?.copies);
  return { ...(pages === undefined ? {} : { pages }), ...(copies === undefined ? {} : { copies }) };
}

/** The fee of a dossier whose form counts pages and copies: one copy's per-page amount times the copies (other rules are per dossier). */
export function computeFormFee(p: Procedure, input: Omit<FeeInput, 'pages'>, form: Record<string, unknown> | null | undefined, compute = computeFee): FeeQuote {
  const { pages, copies } = formCounts(form);
  const q = compute(p, { ...input, ...(pages === undefined ? {} : { pages }) });
  if (q.rule?.kind !== 'per_page' || copies === undefined || copies === 1 || q.amount === 0) return q;
  const amount = q.amount * copies;
  return { ...q, amount, explanation: `${q.explanation} một bản × ${copies} bản = ${vnd(amount)}` };
}
