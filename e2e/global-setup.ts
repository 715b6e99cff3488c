import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The server serves the built UI from dist/web; build it once if it is missing. */
export default function setup(): void {
  if (existsSync(`${root}/dist/web/index.html`)) return;
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
