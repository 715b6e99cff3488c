// Inside a module, layers point one way: routes → service → store. A file's layer is read from its
// name, in the module's root or any subfolder (oidc/routes.ts, oidc/store.ts, citizen-store.ts, ...):
// routes.ts / *-routes.ts, service.ts / *-service.ts, store.ts / *-store.ts. Other files (helpers,
// pure libraries like chip/ and wallet/) have no layer. The module's own index.ts re-exports its
// routes, so a service or store importing it would be a wrong-way import too.
import path from 'node:path';
import { importVisitors, moduleOf, repoPath, resolveSpecifier } from './paths.js';

const RANK = { store: 0, service: 1, routes: 2 };

/** 'routes' | 'service' | 'store' | 'entry' (the module's root index.ts) | null, from a path inside a module. */
export function layerOf(inner) {
  if (/^index\.(ts|js)$/.test(inner)) return 'entry';
  const base = path.posix.basename(inner).replace(/\.(test\.)?(ts|js)$/, '');
  if (/\.test\.(ts|js)$/.test(inner)) return null;
  const m = /(?:^|-)(routes|service|store)$/.exec(base);
  return m ? m[1] : null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Inside a module: routes import services, services import stores, never the other way' },
    schema: [],
    messages: {
      wrongWay: "A {{from}} file must not import a {{to}} file ('{{specifier}}'): layers go routes → service → store.",
      skipsService: "A routes file must not import a store ('{{specifier}}'): call a service.",
      entry: "A {{from}} file must not import its module's index.ts ('{{specifier}}'), which re-exports the routes: import the file you need.",
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const from = moduleOf(repoPath(filename) ?? '');
    if (!from) return {};
    const fromLayer = layerOf(from.inner);
    if (!fromLayer || fromLayer === 'entry') return {};
    return importVisitors((node, specifier) => {
      const target = moduleOf(repoPath(resolveSpecifier(filename, specifier) ?? '') ?? '');
      if (!target || target.name !== from.name) return;
      const toLayer = layerOf(target.inner);
      if (!toLayer) return;
      const data = { from: fromLayer, to: toLayer, specifier };
      if (toLayer === 'entry') {
        if (fromLayer !== 'routes') context.report({ node, messageId: 'entry', data });
        return;
      }
      if (RANK[toLayer] > RANK[fromLayer]) context.report({ node, messageId: 'wrongWay', data });
      else if (fromLayer === 'routes' && toLayer === 'store') context.report({ node, messageId: 'skipsService', data });
    });
  },
};
