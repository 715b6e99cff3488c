/**
 * How long a residence confirmation (xác nhận thông tin về cư trú, form CT07) is valid: dated,
 * configurable data, not code. The rule is [P] (DOMAIN-SERVICES.md §4.2: secondary sources, text of
 * the circular not opened): an administrator or a later circular replaces it by adding a rule with a
 * later `validFrom` (createRegistryService's `confirmationValidity` option), never by editing code.
 */
export interface ConfirmationValidityRule {
  /** First day (yyyy-mm-dd) the rule applies to confirmations issued. */
  validFrom: string;
  /** Last day it applies, if replaced. */
  validUntil?: string;
  /** Months a confirmation of a registered (permanent or temporary) residence is valid, from its issue. */
  months: number;
  /** Months a confirmation is valid for a person with neither (their residence is only declared: khai báo cư trú). */
  declaredMonths: number;
  /** The confirmation lapses as soon as the residence data it states change. */
  lapsesOnChange: boolean;
  /** Where the rule comes from. */
  source: string;
  /** Verification status of the rule in DOMAIN*.md: V verified, P probable, U unverified. */
  status: 'V' | 'P' | 'U';
}

export const CONFIRMATION_VALIDITY: readonly ConfirmationValidityRule[] = [
  {
    validFrom: '2021-07-01',
    months: 12,
    declaredMonths: 6,
    lapsesOnChange: true,
    source: 'Thông tư 55/2021/TT-BCA, Điều 17 (xác nhận thông tin về cư trú), sửa đổi bởi Thông tư 66/2023/TT-BCA; DOMAIN-SERVICES.md §4.2',
    status: 'P',
  },
];

/** The rule in force on `day` (the latest whose period covers it), or undefined if none. */
export function confirmationRuleOn(rules: readonly ConfirmationValidityRule[], day: string): ConfirmationValidityRule | undefined {
  return rules
    .filter((r) => r.validFrom <= day && (!r.validUntil || day <= r.validUntil))
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
}

/** `day` plus `months` calendar months; a day the target month lacks becomes its last day (31/08 + 6 → 28 or 29/02). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
