// Where a file sits in the repository, and what an import specifier points at, for the local rules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Repo-relative path with forward slashes ('src/cli/main.ts'), or null outside the repository. */
export function repoPath(absolute) {
  const rel = path.relative(REPO_ROOT, absolute);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/** The module a repo-relative path belongs to, and the path inside it: 'src/modules/registry/seed/prng.js' → {name: 'registry', inner: 'seed/prng.js'}. */
export function moduleOf(relPath) {
  const m = /^src\/modules\/([^/]+)(?:\/(.*))?$/.exec(relPath ?? '');
  return m ? { name: m[1], inner: m[2] ?? '' } : null;
}

/** The absolute path a relative specifier names, resolved against the importing file; null for packages. */
export function resolveSpecifier(importingFile, specifier) {
  if (typeof specifier !== 'string' || !(specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..')) return null;
  return path.resolve(path.dirname(importingFile), specifier);
}

/** Test code: test files, the end-to-end suite and the shared test helpers in src/testing. */
export function isTestCode(relPath) {
  return /\.test\.tsx?$/.test(relPath) || relPath.startsWith('e2e/') || relPath.startsWith('src/testing/');
}

/**
 * Every static, re-exported, dynamic and type-position import of a file: check(node of the specifier,
 * specifier text, whether the import is erased at compile time).
 */
export function importVisitors(check) {
  const literal = (node, typeOnly) => {
    if (!node) return;
    if (node.type === 'Literal' && typeof node.value === 'string') check(node, node.value, typeOnly);
    else if (node.type === 'TemplateLiteral' && node.expressions.length === 0) check(node, node.quasis[0].value.cooked, typeOnly);
  };
  const allTypes = (specifiers, kind) => specifiers.length > 0 && specifiers.every((s) => s[kind] === 'type');
  return {
    ImportDeclaration: (node) => literal(node.source, node.importKind === 'type' || allTypes(node.specifiers, 'importKind')),
    ExportNamedDeclaration: (node) => literal(node.source, node.exportKind === 'type' || allTypes(node.specifiers, 'exportKind')),
    ExportAllDeclaration: (node) => literal(node.source, node.exportKind === 'type'),
    ImportExpression: (node) => literal(node.source, false),
    TSImportType: (node) => literal(node.source ?? (node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument), true),
    TSExternalModuleReference: (node) => literal(node.expression, false),
  };
}
