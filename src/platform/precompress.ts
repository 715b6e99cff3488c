import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text files worth compressing; images and fonts of the build are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.map', '.webmanifest', '.xml']);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotli: number;
  gzip: number;
}

/**
 * Writes `file.br` (brotli, best quality) and `file.gz` (gzip, level 9) beside every compressible file
 * of a built web UI, once at build time, so that the server sends them as they are (@fastify/static
 * `preCompressed`) instead of compressing each answer. A copy that would not be smaller is not written.
 */
export function precompress(root: string): PrecompressResult {
  const result: PrecompressResult = { files: 0, bytes: 0, brotli: 0, gzip: 0 };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      if (!COMPRESSIBLE.has(extname(name))) continue;
      const raw = readFileSync(path);
      if (raw.length < MIN_BYTES) continue;
      const br = brotliCompressSync(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      });
      const gz = gzipSync(raw, { level: 9 });
      result.files += 1;
      result.bytes += raw.length;
      if (br.length < raw.length) {
        writeFileSync(`${path}.br`, br);
        result.brotli += br.length;
      }
      if (gz.length < raw.length) {
        writeFileSync(`${path}.gz`, gz);
        result.gzip += gz.length;
      }
    }
  };
  walk(root);
  return result;
}
