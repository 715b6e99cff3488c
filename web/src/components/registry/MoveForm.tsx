import { Alert, Button, Form, Input, Radio } from 'antd';
import { api, ok, type RequestBody } from '../../api.js';
import { useFormSubmit } from '../../lodging/fieldErrors.js';
import { messages } from '../../messages.js';
import { CommuneSelect } from '../CommuneSelect.js';
import type { Person, Session } from '../../api/shapes.js';
import { dateLabel, dateRules, requiredRule, wireDate } from './forms.js';

interface MoveValues {
  kind: 'permanent' | 'temporary';
  communeCode?: string;
  address?: string;
  movedOn?: string;
  until?: string;
  householdNo?: string;
  relationToHead?: string;
}

/** Permanent residence (moving in, into a household) or temporary residence, within the officer's area. */
export function MoveForm({ personKey, area, onDone }: { personKey: string; area: Session['area']; onDone: (p: Person) => void }) {
  const [form] = Form.useForm<MoveValues>();
  const { busy, error, submit } = useFormSubmit(form);
  const kind = Form.useWatch('kind', form);
  const householdNo = Form.useWatch('householdNo', form);

  function finish(v: MoveValues) {
    return submit(async () => {
      const household = v.kind === 'permanent' ? v.householdNo?.trim() : undefined;
      const body: RequestBody<'/api/v1/people/{key}/moves'> = {
        kind: v.kind,
        communeCode: v.communeCode ?? '',
        address: v.address?.trim() ?? '',
        movedOn: wireDate(v.movedOn ?? ''),
        ...(v.kind === 'temporary' && v.until?.trim() ? { until: wireDate(v.until) } : {}),
        ...(household ? { householdNo: household } : {}),
        ...(household && v.relationToHead?.trim() ? { relationToHead: v.relationToHead.trim() } : {}),
      };
      onDone(await ok(api.POST('/api/v1/people/{key}/moves', { params: { path: { key: personKey } }, body })));
    });
  }

  return (
    <Form<MoveValues>
      form={form}
      layout="vertical"
      onFinish={finish}
      disabled={busy}
      initialValues={{ kind: 'permanent', communeCode: area.level === 'commune' ? area.code : undefined }}
      data-testid="move-form"
    >
      {error && <Alert className="page-alert" type="error" showIcon title={error} data-testid="move-error" />}
      <Form.Item name="kind" label={messages.moveKind} rules={requiredRule}>
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio.Button value="permanent" data-testid="move-kind-permanent">{messages.moveKindPermanent}</Radio.Button>
          <Radio.Button value="temporary" data-testid="move-kind-temporary">{messages.moveKindTemporary}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="communeCode" label={messages.moveCommune} rules={[{ required: true, message: messages.fieldRequired }]}>
        <CommuneSelect area={area} mode="field" aria-label={messages.moveCommune} data-testid="move-commune" />
      </Form.Item>
      <Form.Item name="address" label={messages.moveAddress} rules={requiredRule}>
        <Input maxLength={200} data-testid="move-address" />
      </Form.Item>
      <Form.Item name="movedOn" label={dateLabel(messages.moveOn)} rules={dateRules(true)}>
        <Input placeholder="dd/mm/yyyy" maxLength={10} inputMode="numeric" data-testid="move-on" />
      </Form.Item>
      {kind === 'temporary' && (
        <Form.Item name="until" label={dateLabel(messages.moveUntil)} rules={dateRules(false)}>
          <Input placeholder="dd/mm/yyyy" maxLength={10} inputMode="numeric" data-testid="move-until" />
        </Form.Item>
      )}
      {kind === 'permanent' && (
        <>
          <Form.Item name="householdNo" label={messages.moveHousehold} extra={messages.moveHouseholdHint}>
            <Input maxLength={40} data-testid="move-household" />
          </Form.Item>
          {householdNo?.trim() && (
            <Form.Item name="relationToHead" label={messages.relationToHead}>
              <Input maxLength={40} placeholder={messages.relationToHeadPlaceholder} data-testid="move-relation" />
            </Form.Item>
          )}
        </>
      )}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="move-submit">
        {messages.moveSubmit}
      </Button>
    </Form>
  );
}
