/**
 * A reader's short description of the client that opened a shared document, from its User-Agent: the citizen's
 * access history says "Chrome trên Android", not the raw header (which is kept beside it).
 */
const BROWSERS: [RegExp, string][] = [
  [/Zalo/i, 'Zalo'], [/Edg\//, 'Edge'], [/OPR\/|Opera/, 'Opera'], [/SamsungBrowser/, 'Samsung Internet'], [/CocCoc|coc_coc/i, 'Cốc Cốc'],
  [/Firefox\//, 'Firefox'], [/Chrome\/|CriOS/, 'Chrome'], [/Safari\//, 'Safari'], [/curl\//, 'curl'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'], [/iPhone|iPad|iOS/, 'iOS'], [/Windows/, 'Windows'], [/Mac OS X|Macintosh/, 'macOS'], [/Linux/, 'Linux'],
];

export function clientKind(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Không rõ ứng dụng';
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (browser && system) return `${browser} trên ${system}`;
  return browser ?? system ?? 'Ứng dụng khác';
}
