/**
 * An amount of đồng in Vietnamese words, as a receipt writes it ("Số tiền bằng chữ"): 1.005.000 →
 * "Một triệu không trăm linh năm nghìn đồng". Groups of three digits under nghìn, triệu, tỷ (then nghìn tỷ,
 * triệu tỷ); an all-zero group is left out; a group after the first reads its hundreds
 * ("không trăm"); 1 after a tens digit of 2 or more is "mốt", 5 after any tens digit is "lăm", a zero
 * tens before a unit is "linh".
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

function threeDigits(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (full || h > 0) words.push(DIGITS[h], 'trăm');
  if (t === 0) {
    if (u > 0 && words.length) words.push('linh');
  } else if (t === 1) {
    words.push('mười');
  } else {
    words.push(DIGITS[t], 'mươi');
  }
  if (u > 0) {
    if (u === 1 && t >= 2) words.push('mốt');
    else if (u === 5 && t >= 1) words.push('lăm');
    else words.push(DIGITS[u]);
  }
  return words.join(' ');
}

export function dongInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not an amount of đồng: ${amount}`);
  if (amount === 0) return 'Không đồng';
  const groups: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    if (groups[i] === 0) continue;
    parts.push([threeDigits(groups[i], i !== groups.length - 1), SCALES[i]].filter(Boolean).join(' '));
  }
  const text = `${parts.join(' ')} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
