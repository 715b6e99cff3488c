import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Empty, List, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ApiError, type Answer } from '../../api.js';
import { QrImage } from '../../citizen/QrImage.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { useCopy } from '../../components/useCopy.js';
import { formatDateTime } from '../../format.js';
import { messages, t } from '../../messages.js';

type Validity = '15m' | '1h' | '24h' | '7d';
type Link = Answer<'/api/v1/citizen/documents/{id}/share-links'>['items'][number];
type NewLink = Answer<'/api/v1/citizen/documents/{id}/share-links', 'post'>;
type Access = Answer<'/api/v1/citizen/documents/{id}/accesses'>['items'][number];

const VALIDITIES: { value: Validity; label: string }[] = [
  { value: '15m', label: messages.share15m },
  { value: '1h', label: messages.share1h },
  { value: '24h', label: messages.share24h },
  { value: '7d', label: messages.share7d },
];
const STATUS: Record<Link['status'], { color: string; label: string }> = {
  active: { color: 'green', label: messages.shareStatusActive },
  expired: { color: 'default', label: messages.shareStatusExpired },
  revoked: { color: 'red', label: messages.shareStatusRevoked },
};
const errorText = (err: unknown) => (err instanceof ApiError ? err.detail : messages.genericError);

/** Chia sẻ: a new time-limited link (shown once, with its QR), and the document's links, each revocable while active. */
export function ShareModal({ documentId, title, onClose }: { documentId: string; title: string; onClose: () => void }) {
  const { message } = App.useApp();
  const copy = useCopy({ copied: messages.shareCopied, failed: messages.shareCopyFailed });
  const [validity, setValidity] = useState<Validity>('15m');
  const [created, setCreated] = useState<NewLink | null>(null);
  const [links, setLinks] = useState<Link[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = { params: { path: { id: documentId } } };

  const load = useCallback(async () => {
    try {
      setLinks((await citizenOk(citizenApi.GET('/api/v1/citizen/documents/{id}/share-links', { params: { path: { id: documentId } } }))).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [documentId]);
  useEffect(() => void load(), [load]);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      setCreated(await citizenOk(citizenApi.POST('/api/v1/citizen/documents/{id}/share-links', { ...path, body: { validity } })));
      await load();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(linkId: string) {
    try {
      await citizenOk(citizenApi.POST('/api/v1/citizen/documents/{id}/share-links/{linkId}/revocation', { params: { path: { id: documentId, linkId } } }));
      if (created?.id === linkId) setCreated(null);
      void message.success(messages.shareRevoked);
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Modal open title={`${messages.shareTitle}: ${title}`} onCancel={onClose} footer={<Button onClick={onClose}>{messages.shareClose}</Button>} data-testid="share-modal">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary">{messages.shareHint}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} data-testid="share-error" />}
        <div>
          <Typography.Text strong>{messages.shareValidity}</Typography.Text>
          <div className="share-validity">
            <Segmented<Validity> options={VALIDITIES} value={validity} onChange={setValidity} data-testid="share-validity" />
          </div>
        </div>
        <Button type="primary" onClick={() => void create()} loading={busy} data-testid="share-create">
          {messages.shareCreate}
        </Button>
        {created && (
          <div className="share-created" data-testid="share-created" data-url={created.url}>
            <Typography.Text strong>{messages.shareNewLink}</Typography.Text>
            <QrImage token={created.url} alt={messages.shareQrAlt} testId="share-qr" />
            <Typography.Paragraph copyable={false} className="share-url" data-testid="share-url">
              {created.url}
            </Typography.Paragraph>
            <Space wrap>
              <Button onClick={() => void copy(created.url)} data-testid="share-copy">
                {messages.shareCopy}
              </Button>
              <Typography.Text type="secondary">{t('shareUntil', { time: formatDateTime(created.expiresAt) })}</Typography.Text>
            </Space>
          </div>
        )}
        <div>
          <Typography.Text strong>{messages.shareLinks}</Typography.Text>
          <List
            size="small"
            dataSource={links ?? []}
            loading={links === null}
            locale={{ emptyText: messages.shareNoLinks }}
            renderItem={(l) => (
              <List.Item
                key={l.id}
                data-testid="share-link"
                data-status={l.status}
                actions={l.status === 'active' ? [
                  <Popconfirm key="revoke" title={messages.shareRevokeConfirm} okText={messages.shareRevoke} cancelText={messages.shareClose} onConfirm={() => revoke(l.id)}>
                    <Button size="small" danger data-testid="share-revoke">
                      {messages.shareRevoke}
                    </Button>
                  </Popconfirm>,
                ] : []}
              >
                <Space wrap>
                  <Tag color={STATUS[l.status].color}>{STATUS[l.status].label}</Tag>
                  <span>{t('shareLinkLine', { created: formatDateTime(l.createdAt), expires: formatDateTime(l.expiresAt), count: l.accesses })}</span>
                </Space>
              </List.Item>
            )}
          />
        </div>
      </Space>
    </Modal>
  );
}

/** Lịch sử truy cập: each opening of the document through a share link (when, from where, which client, which link). */
export function HistoryModal({ documentId, title, onClose }: { documentId: string; title: string; onClose: () => void }) {
  const [items, setItems] = useState<Access[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    citizenOk(citizenApi.GET('/api/v1/citizen/documents/{id}/accesses', { params: { path: { id: documentId } } }))
      .then((r) => setItems(r.items), (err: unknown) => setError(errorText(err)));
  }, [documentId]);

  return (
    <Modal open width={760} title={`${messages.accessHistoryTitle}: ${title}`} onCancel={onClose} footer={<Button onClick={onClose}>{messages.shareClose}</Button>} data-testid="history-modal">
      <Typography.Paragraph type="secondary">{messages.accessHistoryHint}</Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} />
      ) : items && !items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.accessHistoryEmpty} data-testid="history-empty" />
      ) : (
        <Table<Access>
          size="small"
          rowKey={(a) => `${a.at}-${a.linkId}-${a.what}`}
          loading={items === null}
          dataSource={items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          onRow={() => ({ 'data-testid': 'history-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: messages.accessHistoryAt, render: (_, a) => formatDateTime(a.at) },
            { title: messages.accessHistoryWhat, render: (_, a) => (a.what === 'pdf' ? messages.accessHistoryPdf : messages.accessHistoryView) },
            { title: messages.accessHistoryFrom, render: (_, a) => <>{a.client}{a.clientAddress ? <div className="muted">{a.clientAddress}</div> : null}</> },
            { title: messages.accessHistoryLink, render: (_, a) => `#${a.linkId} · ${t('accessHistoryLinkCreated', { time: formatDateTime(a.linkCreatedAt) })}` },
          ]}
        />
      )}
    </Modal>
  );
}
