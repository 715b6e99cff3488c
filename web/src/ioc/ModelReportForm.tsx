import { Alert, App, Button, Form, Input, Radio } from 'antd';
import { api, ok } from '../api.js';
import { useFormSubmit } from '../lodging/fieldErrors.js';
import { messages } from '../messages.js';
import { statusLabels } from './planStatus.js';
import type { ModelReport, PlanModel } from './types.js';

const REPORTABLE = ['not_started', 'in_progress', 'done'] as const;

/** A figure needs both its name and its value (the server says so too). */
const pair = (other: 'indicatorLabel' | 'indicatorValue') => ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
  validator: (_: unknown, value?: string) =>
    !!value?.trim() === !!String(getFieldValue(other) ?? '').trim() ? Promise.resolve() : Promise.reject(new Error(messages.modelIndicatorPair)),
});

/** The working group reports a model's progress: status, results, evidence, problems and a figure typed in. */
export function ModelReportForm({ planId, model, onReported }: { planId: string; model: PlanModel; onReported: () => void }) {
  const [form] = Form.useForm<ModelReport>();
  const { message } = App.useApp();
  const { busy, error, submit: run } = useFormSubmit(form);

  function submit(values: ModelReport) {
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as ModelReport;
    return run(async () => {
      await ok(api.POST('/api/v1/plans/{id}/models/{number}/reports', { params: { path: { id: planId, number: model.number } }, body }));
      void message.success(messages.modelReported);
      form.resetFields(['note', 'evidence', 'problems', 'indicatorLabel', 'indicatorValue']);
      onReported();
    });
  }

  return (
    <Form<ModelReport>
      form={form}
      layout="vertical"
      disabled={busy}
      onFinish={submit}
      initialValues={{ status: model.status === 'overdue' ? 'in_progress' : model.status }}
      data-testid="model-report-form"
    >
      {error && <Alert className="page-alert" type="error" showIcon title={error} data-testid="model-report-error" />}
      <Form.Item name="status" label={messages.planStatus} rules={[{ required: true, message: messages.fieldRequired }]}>
        <Radio.Group optionType="button" buttonStyle="solid">
          {REPORTABLE.map((s) => (
            <Radio.Button key={s} value={s}>
              <span data-testid={`report-status-${s}`}>{statusLabels[s]}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="note" label={messages.modelNote}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="report-note" />
      </Form.Item>
      <Form.Item name="evidence" label={messages.modelEvidence} extra={messages.modelEvidenceHint}>
        <Input maxLength={500} data-testid="report-evidence" />
      </Form.Item>
      <Form.Item name="problems" label={messages.modelProblems}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="report-problems" />
      </Form.Item>
      <div className="model-report-indicator">
        <Form.Item name="indicatorLabel" label={messages.modelIndicatorLabel} extra={messages.modelIndicatorHint} dependencies={['indicatorValue']} rules={[pair('indicatorValue')]}>
          <Input maxLength={200} data-testid="report-indicator-label" />
        </Form.Item>
        <Form.Item name="indicatorValue" label={messages.modelIndicatorValue} dependencies={['indicatorLabel']} rules={[pair('indicatorLabel')]}>
          <Input maxLength={100} data-testid="report-indicator-value" />
        </Form.Item>
      </div>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">
        {messages.modelReportSubmit}
      </Button>
    </Form>
  );
}
