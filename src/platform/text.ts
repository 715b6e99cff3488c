/**
 * Text da06 refuses to take in, at the HTTP edge and in file imports alike (field error INVALID_CHARACTERS):
 * C0 control characters other than tab, CR and LF (NUL above all, which PostgreSQL cannot store in text,
 * so one such value fails the whole statement and every request grouped with it), DEL, which is never
 * part of what a person types, and lone UTF-16 surrogates, which have no UTF-8 form and would be stored
 * as U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every character UNSTORABLE can match at: one class, scanned far faster than its alternatives with look-arounds. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]/;

export function isStorableText(text: string): boolean {
  return !SUSPECT.test(text) || !UNSTORABLE.test(text);
}

/**
 * Whether any string in `value`, or any property name, is not storable text: what unstorableTextFields
 * finds, without building a path for every value (the hot paths ask this, and the paths only on a hit).
 */
export function hasUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return !isStorableText(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasUnstorableText(item)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!isStorableText(key) || hasUnstorableText((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * The paths (dotted, as field errors name them) of every string in `value` that is not storable text.
 * A bad property name is reported at its object (`context` at the root), so the name is never echoed.
 */
export function unstorableTextFields(value: unknown, context: string): string[] {
  const found: string[] = [];
  const visit = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      if (!isStorableText(v)) found.push(path || context);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, path ? `${path}.${i}` : String(i)));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (!isStorableText(key)) found.push(path || context);
        visit(item, path ? `${path}.${key}` : key);
      }
    }
  };
  visit(value, '');
  return [...new Set(found)];
}
