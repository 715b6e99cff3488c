import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Tag, Typography } from 'antd';
import { api, ApiError, ok } from '../api.js';
import { formatInstantDate } from '../format.js';
import { messages } from '../messages.js';
import { useSession } from '../session.js';
import type { WalletDocument } from '../api/shapes.js';
import { claimsOf, WalletIssueForm, type IssueValues } from './WalletIssueForm.js';

/**
 * "Giấy tờ trong ví" on the person page: issue a document into the citizen's wallet, and revoke what
 * was issued in this session (there is no list of a person's documents for officers yet).
 */
export function WalletPanel({ personalId, deceased }: { personalId: string; deceased: boolean }) {
  const { message } = App.useApp();
  const { session } = useSession();
  const [forbidden, setForbidden] = useState(false);
  const [issued, setIssued] = useState<WalletDocument[]>([]);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<IssueValues>();
  const [revoking, setRevoking] = useState<WalletDocument | null>(null);
  const [reason, setReason] = useState('');

  if (forbidden || !session?.permissions?.includes('wallet.issue')) return null;

  function failed(err: unknown): string {
    if (err instanceof ApiError && err.status === 403) setForbidden(true);
    return err instanceof ApiError ? err.title : messages.genericError;
  }

  async function issue(values: IssueValues) {
    setBusy(true);
    setFormError(null);
    try {
      const doc = await ok(api.POST('/api/v1/wallet/documents', { body: { personalId, type: values.type, claims: claimsOf(values) } }));
      setIssued((list) => [doc, ...list]);
      void message.success(messages.walletIssued);
      setOpen(false);
      form.resetFields();
    } catch (err) {
      const title = failed(err);
      const errors = err instanceof ApiError ? err.errors : [];
      const names = new Set(Object.keys(form.getFieldsValue()));
      // Field errors go under their fields; the rest (and the problem's title) above the form.
      form.setFields(errors.filter((e) => names.has(e.field)).map((e) => ({ name: e.field, errors: [e.message] })));
      const other = errors.filter((e) => !names.has(e.field)).map((e) => e.message);
      setFormError([title, ...other].join(' — '));
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!revoking || !reason.trim()) return;
    setBusy(true);
    try {
      await ok(api.POST('/api/v1/wallet/documents/{id}/revoke', { params: { path: { id: revoking.id } }, body: { reason: reason.trim() } }));
      const revokedReason = reason.trim();
      setIssued((list) => list.map((d) => (d.id === revoking.id ? { ...d, status: 'revoked', revokedReason } : d)));
      void message.success(messages.walletRevoked);
      setRevoking(null);
      setReason('');
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : failed(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={messages.walletPanelTitle}
      className="section-card"
      data-testid="section-wallet"
      extra={
        !deceased && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="wallet-issue">
            {messages.walletIssue}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{messages.walletPanelHint}</Typography.Paragraph>
      {issued.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.walletIssuedNone} />
      ) : (
        <List
          header={<span className="desk-section-title">{messages.walletIssuedList}</span>}
          dataSource={issued}
          renderItem={(d) => (
            <List.Item
              data-testid="wallet-issued"
              data-id={d.id}
              data-status={d.status}
              actions={
                d.status === 'revoked'
                  ? []
                  : [
                      <Button key="revoke" danger size="small" onClick={() => setRevoking(d)} data-testid="wallet-revoke">
                        {messages.walletRevoke}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <>
                    {d.title} {d.status === 'revoked' ? <Tag color="red">{messages.walletStatusRevoked}</Tag> : <Tag color="green">{messages.walletStatusValid}</Tag>}
                  </>
                }
                description={
                  <>
                    {messages.walletDocumentId}: <span className="mono">{d.id}</span> · {messages.walletValidUntil}: {formatInstantDate(d.expiresAt)}
                    {d.revokedReason && ` · ${messages.walletRevokedReason}: ${d.revokedReason}`}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Modal
        open={open}
        title={messages.walletIssueTitle}
        okText={messages.walletIssue}
        cancelText={messages.cancel}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          setFormError(null);
        }}
        okButtonProps={{ 'data-testid': 'wallet-issue-ok' }}
        width={640}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon title={formError} className="wallet-error" data-testid="wallet-issue-error" />}
        <WalletIssueForm form={form} onFinish={(v) => void issue(v)} />
      </Modal>
      <Modal
        open={!!revoking}
        title={messages.walletRevokeTitle}
        okText={messages.walletRevoke}
        okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'wallet-revoke-ok' }}
        cancelText={messages.cancel}
        confirmLoading={busy}
        onOk={() => void revoke()}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{messages.walletRevokeHint}</Typography.Paragraph>
        {revoking && <Typography.Paragraph strong>{revoking.title}</Typography.Paragraph>}
        <Input.TextArea rows={2} maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={messages.walletRevokeReason} data-testid="wallet-revoke-reason" />
      </Modal>
    </Card>
  );
}
