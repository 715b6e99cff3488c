import { Alert, Button, Checkbox, Form, Input } from 'antd';
import { api, ok, type RequestBody } from '../../api.js';
import { useFormSubmit } from '../../lodging/fieldErrors.js';
import { messages, t } from '../../messages.js';
import type { Person } from '../../api/shapes.js';
import { dateLabel, dateRules, wireDate } from './forms.js';

interface DeathValues {
  dateOfDeath?: string;
  place?: string;
  confirmed?: boolean;
}

/** A death, recorded after the officer confirms it: the record stays, marked, and the e-ID account is locked. */
export function DeathForm({ personKey, person, onDone }: { personKey: string; person: Person; onDone: (p: Person) => void }) {
  const [form] = Form.useForm<DeathValues>();
  const { busy, error, submit } = useFormSubmit(form);

  function finish(v: DeathValues) {
    return submit(async () => {
      const body: RequestBody<'/api/v1/people/{key}/death'> = {
        dateOfDeath: wireDate(v.dateOfDeath ?? ''),
        ...(v.place?.trim() ? { place: v.place.trim() } : {}),
      };
      onDone(await ok(api.POST('/api/v1/people/{key}/death', { params: { path: { key: personKey } }, body })));
    });
  }

  return (
    <Form<DeathValues> form={form} layout="vertical" onFinish={finish} disabled={busy} data-testid="death-form">
      <Alert className="page-alert" type="warning" showIcon title={messages.deathWarning} />
      {error && <Alert className="page-alert" type="error" showIcon title={error} data-testid="death-error" />}
      <Form.Item name="dateOfDeath" label={dateLabel(messages.dateOfDeath)} rules={dateRules(true)}>
        <Input placeholder="dd/mm/yyyy" maxLength={10} inputMode="numeric" data-testid="death-date" />
      </Form.Item>
      <Form.Item name="place" label={messages.placeOfDeath}>
        <Input maxLength={200} data-testid="death-place" />
      </Form.Item>
      <Form.Item
        name="confirmed"
        valuePropName="checked"
        rules={[{ validator: (_, v: boolean | undefined) => (v ? Promise.resolve() : Promise.reject(new Error(messages.deathConfirmRequired))) }]}
      >
        <Checkbox data-testid="death-confirm">{t('deathConfirm', { name: person.fullName })}</Checkbox>
      </Form.Item>
      <Button type="primary" danger htmlType="submit" loading={busy} data-testid="death-submit">
        {messages.deathSubmit}
      </Button>
    </Form>
  );
}
