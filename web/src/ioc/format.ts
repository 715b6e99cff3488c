const whole = new Intl.NumberFormat('vi-VN');
const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const share = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 12345 → "12.345" (Vietnamese grouping). */
export const formatNumber = (n: number): string => (Number.isInteger(n) ? whole.format(n) : decimal.format(n));

/** 42.5 → "42,5%". */
export const formatShare = (n: number): string => `${share.format(n)}%`;

/** 'YYYY-MM' → 'MM/YYYY'. */
export const formatMonth = (month: string): string => month.split('-').reverse().join('/');
