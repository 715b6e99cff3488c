// Regenerates the documents derived from code: docs/errors.md, docs/configuration.md, docs/openapi.json.
import { writeFileSync } from 'node:fs';
import { configurationDoc, errorsDoc } from '../src/platform/docs.js';
import { openapiDocument } from '../src/openapi.js';
import { eventsDoc } from '../src/platform/events.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), errorsDoc());
writeFileSync(new URL('../docs/configuration.md', import.meta.url), configurationDoc());
writeFileSync(new URL('../docs/openapi.json', import.meta.url), await openapiDocument());
writeFileSync(new URL('../docs/events.md', import.meta.url), eventsDoc());
