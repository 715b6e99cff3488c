// Regenerates the documents derived from code: docs/errors.md, docs/configuration.md, docs/openapi.json,
// docs/events.md, docs/verification-reasons.md, and the web UI's API types (web/src/api/schema.ts) from that OpenAPI document.
import { writeFileSync } from 'node:fs';
import { configurationDoc, errorsDoc } from '../src/platform/docs.js';
import { openapiDocument } from '../src/openapi.js';
import { eventsDoc } from '../src/platform/events.js';
import { verificationReasonsDoc } from '../src/modules/credentials/reasons-doc.js';
import { WEB_SCHEMA_FILE, webClientSchema } from './web-client.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), errorsDoc());
writeFileSync(new URL('../docs/configuration.md', import.meta.url), configurationDoc());
const openapi = await openapiDocument();
writeFileSync(new URL('../docs/openapi.json', import.meta.url), openapi);
writeFileSync(WEB_SCHEMA_FILE, await webClientSchema(openapi));
writeFileSync(new URL('../docs/events.md', import.meta.url), eventsDoc());
writeFileSync(new URL('../docs/verification-reasons.md', import.meta.url), verificationReasonsDoc());
