import { useState } from 'react';
import { DatePicker, Form, Input, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DATE_FORMAT, WIRE_DATE } from '../format.js';
import { messages, t } from '../messages.js';
import { FilePicker } from './FilePicker.js';
import { sha256Hex, WALLET_DOCUMENT_TYPES, WALLET_TYPE_FORMS, type WalletDocumentType, type WalletField } from '../wallet/documentTypes.js';

export type IssueValues = { type: WalletDocumentType } & Record<string, unknown>;

/** The request's `claims` from the form: dates as YYYY-MM-DD, lines as a list, empty optional fields left out. */
export function claimsOf(values: IssueValues): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const f of WALLET_TYPE_FORMS[values.type].fields) {
    if (f.when && values[f.when.input] !== f.when.value) continue;
    const v = values[f.input];
    if (v === undefined || v === null || v === '') continue;
    if (f.field.kind === 'date') claims[f.input] = (v as Dayjs).format(WIRE_DATE);
    else if (f.field.kind === 'lines') {
      const lines = String(v)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      if (lines.length) claims[f.input] = lines;
    } else if (typeof v === 'string') claims[f.input] = v.trim();
    else claims[f.input] = v;
  }
  return claims;
}

/** A file picker whose value is the picked file's SHA-256 (the digitised paper never leaves the browser). */
function HashFileInput({ value, onChange, testId, id }: { value?: string; onChange?: (hash: string | undefined) => void; testId: string; id?: string }) {
  const [hashing, setHashing] = useState(false);
  async function pick(file: File | undefined) {
    onChange?.(undefined);
    if (!file) return;
    setHashing(true);
    try {
      onChange?.(await sha256Hex(file));
    } finally {
      setHashing(false);
    }
  }
  return (
    <div>
      <FilePicker id={id} accept=".pdf,application/pdf,image/*" testId={testId} buttonLabel={messages.walletFileChoose} onPick={(file) => void pick(file)} />
      <div className="muted wallet-hash" data-testid={`${testId}-hash`}>
        {hashing ? messages.walletFileHashing : value ? t('walletFileHash', { hash: value }) : messages.walletFileHelp}
      </div>
    </div>
  );
}

function rulesOf(f: WalletField) {
  const rules: object[] = [];
  if (f.required) rules.push({ required: true, message: messages.fieldRequired });
  const k = f.field;
  if (k.kind === 'text' || k.kind === 'textarea') rules.push({ max: k.max, message: t('walletFieldTooLong', { max: k.max }) });
  if (k.kind === 'text' && k.pattern) rules.push({ pattern: k.pattern, message: messages.walletFieldFormat });
  if (k.kind === 'lines') {
    rules.push({
      validator: (_: unknown, v: unknown) => {
        const lines = String(v ?? '')
          .split('\n')
          .filter((l) => l.trim());
        return lines.length <= k.maxItems && lines.every((l) => l.length <= k.maxItem)
          ? Promise.resolve()
          : Promise.reject(new Error(t('walletFieldTooMany', { max: k.maxItems, each: k.maxItem })));
      },
    });
  }
  return rules;
}

/** The input for one field; `control` is what Form.Item hands its child (value, onChange, id…), passed on. */
function FieldControl({ f, ...control }: { f: WalletField } & Record<string, unknown>) {
  const testId = `wallet-field-${f.input}`;
  const k = f.field;
  switch (k.kind) {
    case 'text':
      return <Input {...control} maxLength={k.max} placeholder={k.placeholder} data-testid={testId} />;
    case 'textarea':
      return <Input.TextArea {...control} rows={2} maxLength={k.max} data-testid={testId} />;
    case 'lines':
      return <Input.TextArea {...control} rows={3} data-testid={testId} />;
    case 'date':
      return (
        <DatePicker
          {...control}
          format={DATE_FORMAT}
          placeholder={DATE_FORMAT.toLowerCase()}
          disabledDate={k.notFuture ? (d) => d.isAfter(dayjs(), 'day') : undefined}
          data-testid={testId}
        />
      );
    case 'choice':
      return <Select {...control} options={k.options} data-testid={testId} popupMatchSelectWidth={false} />;
    case 'sha256':
      return <HashFileInput {...control} testId={testId} />;
  }
}

/** The issuing form: the type, then that type's fields (from WALLET_TYPE_FORMS). */
export function WalletIssueForm({ form, onFinish }: { form: FormInstance<IssueValues>; onFinish: (v: IssueValues) => void }) {
  const type = (Form.useWatch('type', form) as WalletDocumentType | undefined) ?? 'health-insurance';
  const values = (Form.useWatch([], form) ?? {}) as Record<string, unknown>;
  const fields = WALLET_TYPE_FORMS[type].fields.filter((f) => !f.when || values[f.when.input] === f.when.value);
  return (
    <Form<IssueValues> form={form} layout="vertical" requiredMark onFinish={onFinish} initialValues={{ type: 'health-insurance' }} data-testid="wallet-form">
      <Form.Item name="type" label={messages.walletType} rules={[{ required: true, message: messages.fieldRequired }]}>
        <Select data-testid="wallet-type" options={WALLET_DOCUMENT_TYPES.map((x) => ({ value: x, label: WALLET_TYPE_FORMS[x].label }))} />
      </Form.Item>
      {fields.map((f) => (
        <Form.Item key={`${type}-${f.input}`} name={f.input} label={f.label} rules={rulesOf(f)} required={f.required}>
          <FieldControl f={f} />
        </Form.Item>
      ))}
    </Form>
  );
}
