import { Alert, Button, Form, Input, Select, Typography } from 'antd';
import { api, ok, type RequestBody } from '../../api.js';
import { formatDate } from '../../format.js';
import { useFormSubmit } from '../../lodging/fieldErrors.js';
import { fieldLabels, messages } from '../../messages.js';
import type { Person } from '../../api/shapes.js';
import { dateLabel, dateRules, requiredRule, wireDate } from './forms.js';

type Correction = RequestBody<'/api/v1/people/{key}/corrections'>;
type Field = Correction['field'];

/** The facts the server corrects (its CorrectionCreate schema), in the order of the record. */
export const CORRECTABLE: Field[] = ['fullName', 'dateOfBirth', 'ethnicity', 'religion', 'occupation'];

/** A recorded value as the page shows it (dates dd/mm/yyyy). */
export function shownValue(field: string, value: string | null): string {
  if (value === null) return messages.none;
  return field === 'dateOfBirth' ? formatDate(value) : value;
}

interface CorrectionValues {
  field: Field;
  value?: string;
  reason?: string;
}

/** One fact corrected with its reason; the old value stays in the correction history. */
export function CorrectionForm({ personKey, person, onDone }: { personKey: string; person: Person; onDone: (p: Person, field: Field) => void }) {
  const [form] = Form.useForm<CorrectionValues>();
  const { busy, error, submit } = useFormSubmit(form);
  const field = Form.useWatch('field', form) ?? 'fullName';
  const current = { fullName: person.fullName, dateOfBirth: person.dateOfBirth, ethnicity: person.ethnicity, religion: person.religion, occupation: person.occupation }[field];
  const isDate = field === 'dateOfBirth';

  function finish(v: CorrectionValues) {
    return submit(async () => {
      const body: Correction = { field: v.field, value: isDate ? wireDate(v.value ?? '') : (v.value ?? '').trim(), reason: (v.reason ?? '').trim() };
      onDone(await ok(api.POST('/api/v1/people/{key}/corrections', { params: { path: { key: personKey } }, body })), v.field);
    });
  }

  return (
    <Form<CorrectionValues>
      form={form}
      layout="vertical"
      onFinish={finish}
      disabled={busy}
      initialValues={{ field: 'fullName' }}
      onValuesChange={(changed: Partial<CorrectionValues>) => {
        // Another field: the value typed for the previous one no longer applies.
        if ('field' in changed) form.setFieldsValue({ value: undefined });
      }}
      data-testid="correct-form"
    >
      <Typography.Paragraph type="secondary">{messages.correctHint}</Typography.Paragraph>
      {error && <Alert className="page-alert" type="error" showIcon title={error} data-testid="correct-error" />}
      <Form.Item name="field" label={messages.correctField} rules={[{ required: true, message: messages.fieldRequired }]}>
        <Select data-testid="correct-field" options={CORRECTABLE.map((f) => ({ value: f, label: fieldLabels[f] ?? f }))} />
      </Form.Item>
      <Typography.Paragraph data-testid="correct-current">
        {messages.correctCurrent}: <strong>{shownValue(field, current)}</strong>
      </Typography.Paragraph>
      <Form.Item
        name="value"
        label={isDate ? dateLabel(messages.correctValue) : messages.correctValue}
        rules={isDate ? dateRules(true) : requiredRule}
      >
        <Input maxLength={isDate ? 10 : 200} placeholder={isDate ? 'dd/mm/yyyy' : undefined} data-testid="correct-value" />
      </Form.Item>
      <Form.Item name="reason" label={messages.correctReason} rules={requiredRule}>
        <Input.TextArea rows={2} maxLength={500} placeholder={messages.correctReasonPlaceholder} data-testid="correct-reason" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="correct-submit">
        {messages.correctSubmit}
      </Button>
    </Form>
  );
}
