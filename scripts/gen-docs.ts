// Regenerates the documents that are derived from code: docs/errors.md and docs/configuration.md.
import { writeFileSync } from 'node:fs';
import { configurationDoc, errorsDoc } from '../src/platform/docs.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), errorsDoc());
writeFileSync(new URL('../docs/configuration.md', import.meta.url), configurationDoc());
