// Allow-list of what may be imported from a module by code outside it: its index.ts, and its
// testing.ts from test code only. Specifiers are resolved against the importing file, so
// '../registry/statistics.js', '../../registry/store.js' and '../src/modules/x/y.js' are all caught.
// The platform imports no module at all (tests excepted, which build the whole app).
// The web UI is a browser bundle: it imports a module's index.ts for types only (a value import would
// bundle the server: importing lodging/index.js for its labels added PGlite and 1.5 MB to the
// bundle), and the browser-safe values a module shares with it (labels) from its browser.ts, which
// only the web UI imports. Outside the modules, the web UI imports values only from the few server files
// written to be bundled (WEB_SHARED: they import nothing), such as the one number and date formatter.
import { existsSync, readFileSync } from 'node:fs';
import { importVisitors, isTestCode, moduleOf, repoPath, resolveSpecifier } from './paths.js';

/** Whether a file has a value import or re-export (type-only ones are erased from the bundle). */
function importsValues(absolute) {
  const file = absolute.replace(/\.js$/, '.ts');
  if (!existsSync(file)) return false;
  return /^\s*(import|export)\s+(?!type\b)[^;]*?\bfrom\s*['"]|^\s*import\s*['"]/m.test(readFileSync(file, 'utf8'));
}

const PUBLIC_ENTRY = /^index\.(js|ts)$/;
const TEST_ENTRY = /^testing\.(js|ts)$/;
const BROWSER_ENTRY = /^browser\.(js|ts)$/;
/** Server files outside the modules that the web UI may import values from (each imports nothing). */
export const WEB_SHARED = new Set(['src/platform/format.ts']);

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Code outside a module imports only its index.ts (and its testing.ts from tests); the platform imports no module' },
    schema: [],
    messages: {
      deep: "'{{specifier}}' reaches inside module '{{module}}': import '{{module}}/index.js' (export what you need from it).",
      testingOutsideTests: "'{{specifier}}' is module '{{module}}' test support: only test files (*.test.ts, e2e/, src/testing/) may import its testing.js.",
      webValue: "The web UI imports '{{specifier}}' for types only (import type): values would bundle the server. Browser-safe values come from '{{module}}/browser.js'.",
      browserOutsideWeb: "'{{specifier}}' is module '{{module}}' vocabulary for the web UI: server code imports '{{module}}/index.js'.",
      browserImports: "A module's browser.ts re-exports only files of its module that import nothing ('{{specifier}}' does, or lies outside): the web UI bundles it.",
      platform: "The platform must not depend on a module ('{{specifier}}'): pass what it needs in from the composition root.",
      webServerFile: "The web UI imports values from '{{specifier}}', a server file not on the allow-list (WEB_SHARED in eslint-rules/module-boundaries.js): it would bundle the server.",
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const from = repoPath(filename);
    if (!from) return {};
    const fromModule = moduleOf(from);
    const inPlatform = from.startsWith('src/platform/') && !isTestCode(from);
    const testCode = isTestCode(from);
    const web = from.startsWith('web/');
    const browserEntry = fromModule && BROWSER_ENTRY.test(fromModule.inner);
    return importVisitors((node, specifier, typeOnly) => {
      if (browserEntry && !typeOnly) {
        const resolved = resolveSpecifier(filename, specifier);
        const target = resolved && moduleOf(repoPath(resolved) ?? '');
        if (!target || target.name !== fromModule.name || importsValues(resolved)) {
          context.report({ node, messageId: 'browserImports', data: { specifier } });
        }
        return;
      }
      const resolvedPath = repoPath(resolveSpecifier(filename, specifier) ?? '') ?? '';
      const target = moduleOf(resolvedPath);
      const shared = WEB_SHARED.has(resolvedPath.replace(/\.js$/, '.ts')) && !importsValues(resolveSpecifier(filename, specifier));
      if (web && !typeOnly && !target && resolvedPath.startsWith('src/') && !shared) {
        return context.report({ node, messageId: 'webServerFile', data: { specifier } });
      }
      if (!target || (fromModule && fromModule.name === target.name)) return;
      const data = { specifier, module: target.name };
      if (inPlatform) return context.report({ node, messageId: 'platform', data });
      if (PUBLIC_ENTRY.test(target.inner)) {
        if (web && !typeOnly) context.report({ node, messageId: 'webValue', data });
        return;
      }
      if (BROWSER_ENTRY.test(target.inner)) {
        if (!web) context.report({ node, messageId: 'browserOutsideWeb', data });
        return;
      }
      if (TEST_ENTRY.test(target.inner)) {
        if (!testCode) context.report({ node, messageId: 'testingOutsideTests', data });
        return;
      }
      context.report({ node, messageId: 'deep', data });
    });
  },
};
