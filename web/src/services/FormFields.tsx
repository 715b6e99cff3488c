import { Button, Card, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import { messages, t } from '../messages.js';
import { inputToIso, isoToInput } from './dates.js';
import type { FormField } from './types.js';

/** A 24×24 padlock in the text colour: the field comes from the registry and cannot be changed. */
export function LockIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" className="svc-lock">
      <path fill="currentColor" d="M12 1a5 5 0 0 0-5 5v3H5v14h14V9h-2V6a5 5 0 0 0-5-5zm-3 5a3 3 0 0 1 6 0v3H9zm3 7a2 2 0 0 1 1 3.73V19h-2v-2.27A2 2 0 0 1 12 13z" />
    </svg>
  );
}

type Path = (string | number)[];
const key = (path: Path) => path.join('.');

/** Form data from the server → what the inputs hold (dates as dd/mm/yyyy). */
export function toInputs(field: FormField, value: unknown): unknown {
  if (field.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [k, sub] of Object.entries(field.properties ?? {})) if (k in out) out[k] = toInputs(sub, out[k]);
    return out;
  }
  if (field.type === 'array' && Array.isArray(value) && field.items) return value.map((v) => toInputs(field.items!, v));
  if (field.format === 'date') return isoToInput(value);
  return value;
}

/** What the inputs hold → form data for the server: dates ISO, empty strings dropped. */
export function fromInputs(field: FormField, value: unknown): unknown {
  if (field.type === 'object') {
    if (!value || typeof value !== 'object') return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const sub = field.properties?.[k];
      const conv = sub ? fromInputs(sub, v) : v;
      if (conv !== undefined && conv !== null && conv !== '') out[k] = conv;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (field.type === 'array') return Array.isArray(value) && field.items ? value.map((v) => fromInputs(field.items!, v)).filter((v) => v !== undefined) : undefined;
  if (field.format === 'date' && typeof value === 'string') return inputToIso(value) ?? value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return value;
}

interface FieldProps {
  field: FormField;
  path: Path;
  /** Full dotted paths of the fields the registry filled (locked). */
  locked: Set<string>;
  required: boolean;
  readOnly: boolean;
  /** The path inside a Form.List item (relative), when inside one. */
  listName?: Path;
  /** Full dotted paths not asked for here (a linked group's step fills them from the steps before); `path` prefixes them. */
  hidden?: Set<string>;
}

/** Whether every input under `path` is hidden (an object or a list whose fields all come from elsewhere). */
function allHidden(field: FormField, path: string, hidden: Set<string> | undefined): boolean {
  if (!hidden?.size) return false;
  if (hidden.has(path)) return true;
  if (field.type === 'array') return [...hidden].some((h) => h.startsWith(`${path}.`));
  if (field.type === 'object') return Object.entries(field.properties ?? {}).every(([k, sub]) => allHidden(sub, `${path}.${k}`, hidden));
  return false;
}

function rulesOf(field: FormField, label: string, required: boolean): Rule[] {
  const rules: Rule[] = [];
  if (required) rules.push({ required: true, message: t('servicesRequired', { label: label.toLowerCase() }) });
  if (field.format === 'date') {
    rules.push({ validator: (_, v: unknown) => (!v || (typeof v === 'string' && inputToIso(v)) ? Promise.resolve() : Promise.reject(new Error(messages.servicesDateInvalid))) });
  }
  return rules;
}

/** One field of a procedure's form, from its schema: labels and help from the schema, registry fields locked. */
export function SchemaField({ field, path, locked, required, readOnly, listName, hidden }: FieldProps) {
  const label = field.title ?? String(path[path.length - 1]);
  const name = listName ?? path;
  const testId = `field-${key(path)}`;
  if (allHidden(field, key(path), hidden)) return null;
  if (field.type === 'object') {
    const req = new Set(field.required ?? []);
    return (
      <Card size="small" title={label} className="svc-fieldset" data-testid={testId}>
        {field.description && <div className="svc-help">{field.description}</div>}
        {Object.entries(field.properties ?? {}).map(([k, sub]) => (
          <SchemaField
            key={k}
            field={sub}
            path={[...path, k]}
            listName={listName ? [...listName, k] : undefined}
            locked={locked}
            required={required && req.has(k)}
            readOnly={readOnly}
            hidden={hidden}
          />
        ))}
      </Card>
    );
  }
  if (field.type === 'array' && field.items) {
    const items = field.items;
    return (
      <Card size="small" title={label} className="svc-fieldset" data-testid={testId}>
        {field.description && <div className="svc-help">{field.description}</div>}
        <Form.List name={name}>
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <div key={row.key} className="svc-list-item">
                  <SchemaField field={items} path={[...path, row.name]} listName={[row.name]} locked={locked} required={items.type !== 'object'} readOnly={readOnly} />
                  {!readOnly && (
                    <Button danger onClick={() => remove(row.name)} className="svc-touch">
                      {messages.servicesRemoveItem}
                    </Button>
                  )}
                </div>
              ))}
              {!readOnly && (field.maxItems === undefined || rows.length < field.maxItems) && (
                <Button onClick={() => add()} className="svc-touch" data-testid={`${testId}-add`}>
                  + {messages.servicesAddItem}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Card>
    );
  }
  const isLocked = locked.has(key(path));
  const disabled = readOnly || isLocked;
  const extra = isLocked ? (
    <span className="svc-locked-note" data-testid="prefilled-note">
      <LockIcon /> {messages.servicesPrefilled}
    </span>
  ) : (
    field.description
  );
  let control;
  const options = field.oneOf?.map((o) => ({ value: o.const, label: o.title })) ?? field.enum?.map((v) => ({ value: v, label: v }));
  if (field.type === 'boolean') {
    return (
      <div data-testid={testId} data-locked={isLocked || undefined}>
        <Form.Item name={name} valuePropName="checked" extra={extra}>
          <Checkbox disabled={disabled}>{label}</Checkbox>
        </Form.Item>
      </div>
    );
  } else if (options) {
    control = <Select size="large" options={options} disabled={disabled} placeholder={messages.servicesChoose} data-testid={`${testId}-input`} />;
  } else if (field.type === 'integer' || field.type === 'number') {
    control = <InputNumber size="large" min={field.minimum} max={field.maximum} precision={field.type === 'integer' ? 0 : undefined} disabled={disabled} data-testid={`${testId}-input`} className="svc-number" />;
  } else {
    control = (
      <Input
        size="large"
        maxLength={field.maxLength}
        disabled={disabled}
        prefix={isLocked ? <LockIcon /> : undefined}
        placeholder={field.format === 'date' ? messages.servicesDatePlaceholder : undefined}
        inputMode={field.format === 'phone' ? 'tel' : field.format === 'email' ? 'email' : undefined}
        data-testid={`${testId}-input`}
      />
    );
  }
  return (
    <div data-testid={testId} data-locked={isLocked || undefined}>
      <Form.Item name={name} label={label} extra={extra} rules={disabled ? [] : rulesOf(field, label, required)} className={isLocked ? 'svc-locked' : undefined}>
        {control}
      </Form.Item>
    </div>
  );
}
