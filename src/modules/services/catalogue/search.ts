import { normalizeName } from '../../registry/index.js';

/** Diacritic- and case-insensitive form for catalogue search (the registry's name folding; "1.004222" keeps its digits). */
export function foldText(text: string): string {
  return normalizeName(text.replace(/\./g, ''));
}
