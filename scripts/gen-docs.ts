// Regenerates the documents derived from code: docs/errors.md, docs/configuration.md, docs/openapi.json,
// docs/events.md, docs/verification-reasons.md.
import { writeFileSync } from 'node:fs';
import { configurationDoc, errorsDoc } from '../src/platform/docs.js';
import { openapiDocument } from '../src/openapi.js';
import { eventsDoc } from '../src/platform/events.js';
import { verificationReasonsDoc } from '../src/modules/credentials/index.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), errorsDoc());
writeFileSync(new URL('../docs/configuration.md', import.meta.url), configurationDoc());
writeFileSync(new URL('../docs/openapi.json', import.meta.url), await openapiDocument());
writeFileSync(new URL('../docs/events.md', import.meta.url), eventsDoc());
writeFileSync(new URL('../docs/verification-reasons.md', import.meta.url), verificationReasonsDoc());
