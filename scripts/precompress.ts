// After `vite build`: brotli and gzip copies of the built UI, served as they are (src/app.ts serveWeb).
import { precompress } from '../src/platform/precompress.js';

const root = process.argv[2] ?? 'dist/web';
const r = precompress(root);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`precompress ${root}: ${r.files} files, ${kb(r.bytes)} → brotli ${kb(r.brotli)}, gzip ${kb(r.gzip)}`);
