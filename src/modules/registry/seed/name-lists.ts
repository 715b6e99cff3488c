import { readFileSync } from 'node:fs';

/**
 * Given-name lists from duyet/vietnamese-namedb (MIT, see names/LICENSE.txt and docs/synthetic-population.md):
 * "middle + given" combinations and single syllables, by sex. No frequencies — picked uniformly.
 * Read once, lazily, relative to this module.
 */
export interface NameLists {
  boyCombos: string[];
  girlCombos: string[];
  boyOne: string[];
  girlOne: string[];
}

let cached: NameLists | undefined;

function load(file: string, words: number): string[] {
  const text = readFileSync(new URL(`./names/${file}`, import.meta.url), 'utf8');
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (line && line.split(' ').length === words) out.push(line);
  }
  return [...new Set(out)];
}

export function nameLists(): NameLists {
  cached ??= {
    boyCombos: load('namedb_boy.txt', 2),
    girlCombos: load('namedb_girl.txt', 2),
    boyOne: load('namedb_boy_one_word.txt', 1),
    girlOne: load('namedb_girl_one_word.txt', 1),
  };
  return cached;
}
