import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Result, Typography } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { messages } from '../../messages.js';
import { useRelyingParty } from './DeskLayout.js';

interface Values {
  motherPersonalId: string;
  /** `YYYY-MM-DDTHH:mm` from the phone's own date and time picker, in Vietnam's time. */
  bornAt: string;
  sex: 'Nam' | 'Nữ';
  weightGrams: number;
  birthPlace: string;
  intendedName?: string;
}

const required = [{ required: true, message: messages.fieldRequired }];

/** "Báo sinh" at a hospital's counter (phone-first): the giấy chứng sinh data, sent once; the answer never says whether the registry knows the mother. */
export default function DeskBirthPage() {
  const rp = useRelyingParty();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const r = await ok(api.POST('/api/v1/services/birth-notices', {
        body: {
          motherPersonalId: v.motherPersonalId.trim(), bornAt: `${v.bornAt}:00+07:00`, sex: v.sex, weightGrams: v.weightGrams,
          birthPlace: v.birthPlace.trim(), ...(v.intendedName?.trim() ? { intendedName: v.intendedName.trim() } : {}),
        },
      }));
      setDone(r.status);
      form.resetFields();
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = err.errors.filter((e) => e.field in form.getFieldsValue(true));
        if (fields.length) form.setFields(fields.map((e) => ({ name: e.field as keyof Values, errors: [e.message] })));
        setError(err.title);
      } else {
        setError(messages.genericError);
      }
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Result status="success" title={done} data-testid="birth-notice-done"
        extra={<Button type="primary" onClick={() => setDone(null)} data-testid="birth-notice-another">{messages.birthNoticeAnother}</Button>} />
    );
  }
  return (
    <Card data-testid="birth-notice-page">
      <Typography.Title level={4}>{messages.birthNoticeTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{messages.birthNoticeHint}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="birth-notice-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ birthPlace: rp.name }} requiredMark={false}>
        <Form.Item name="motherPersonalId" label={messages.birthNoticeMother}
          rules={[...required, { pattern: /^\d{12}$/, message: messages.birthNoticeMotherInvalid }]}>
          <Input inputMode="numeric" maxLength={12} autoComplete="off" data-testid="birth-mother" />
        </Form.Item>
        <Form.Item name="bornAt" label={messages.birthNoticeBornAt} rules={required}>
          <Input type="datetime-local" data-testid="birth-born-at" />
        </Form.Item>
        <Form.Item name="sex" label={messages.birthNoticeSex} rules={required}>
          <Radio.Group optionType="button" options={[{ value: 'Nam', label: 'Nam' }, { value: 'Nữ', label: 'Nữ' }]} data-testid="birth-sex" />
        </Form.Item>
        <Form.Item name="weightGrams" label={messages.birthNoticeWeight} rules={required}>
          <InputNumber min={300} max={7000} step={50} style={{ width: '100%' }} inputMode="numeric" data-testid="birth-weight" />
        </Form.Item>
        <Form.Item name="birthPlace" label={messages.birthNoticePlace} rules={[...required, { whitespace: true, message: messages.fieldRequired }]}>
          <Input maxLength={300} data-testid="birth-place" />
        </Form.Item>
        <Form.Item name="intendedName" label={messages.birthNoticeName}>
          <Input maxLength={100} data-testid="birth-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="birth-submit">{messages.birthNoticeSubmit}</Button>
      </Form>
    </Card>
  );
}
