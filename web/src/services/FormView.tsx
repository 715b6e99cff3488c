import { formatDate } from '../format.js';
import { messages } from '../messages.js';
import { LockIcon } from './FormFields.js';
import type { FormField } from './types.js';

function shown(field: FormField, value: unknown): string {
  if (value === undefined || value === null || value === '') return messages.none;
  if (field.format === 'date' && typeof value === 'string') return formatDate(value);
  if (field.oneOf) return field.oneOf.find((o) => o.const === value)?.title ?? String(value);
  if (typeof value === 'boolean') return value ? '✓' : messages.none;
  return String(value);
}

/**
 * A submitted form to read (the officer's desk, the citizen's dossier once sent): each label and its
 * value in full contrast, values the registry filled marked with the lock; dates dd/MM/yyyy, choices by their label.
 */
export function FormView({ field, value, path = [], locked }: { field: FormField; value: unknown; path?: (string | number)[]; locked: Set<string> }) {
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return (
    <dl className="svc-form-view">
      {Object.entries(field.properties ?? {}).map(([k, sub]) => {
        const p = [...path, k];
        const key = p.join('.');
        const v = obj[k];
        if (sub.type === 'object') {
          if (v === undefined) return null;
          return (
            <div key={key} className="svc-form-view-group" data-testid={`view-${key}`}>
              <div className="svc-form-view-title">{sub.title ?? k}</div>
              <FormView field={sub} value={v} path={p} locked={locked} />
            </div>
          );
        }
        if (sub.type === 'array') {
          const items = Array.isArray(v) ? v : [];
          if (!items.length) return null;
          return (
            <div key={key} className="svc-form-view-group" data-testid={`view-${key}`}>
              <div className="svc-form-view-title">{sub.title ?? k}</div>
              {items.map((it, i) =>
                sub.items?.type === 'object' ? (
                  <FormView key={i} field={sub.items} value={it} path={[...p, i]} locked={locked} />
                ) : (
                  <div key={i}>{sub.items ? shown(sub.items, it) : String(it)}</div>
                ),
              )}
            </div>
          );
        }
        return (
          <div key={key} className="svc-form-view-row" data-testid={`view-${key}`} data-locked={locked.has(key) || undefined}>
            <dt>{sub.title ?? k}</dt>
            <dd>
              {locked.has(key) && <LockIcon />} <span data-testid="view-value">{shown(sub, v)}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
