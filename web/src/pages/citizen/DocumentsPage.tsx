import { useState } from 'react';
import { Alert, Button, Card, Empty, List, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { useCitizenPage } from '../../citizen/useCitizenPage.js';
import { formatDateTime } from '../../format.js';
import { messages } from '../../messages.js';
import { HistoryModal, ShareModal } from './DocumentShare.js';

/** Kho dữ liệu điện tử: the signed results issued to the citizen, newest first, each downloadable (every access is logged). */
export default function DocumentsPage() {
  const { session, data, error, loading } = useCitizenPage('/citizen/documents', '/api/v1/citizen/documents');
  const [open, setOpen] = useState<{ kind: 'share' | 'history'; id: string; title: string } | null>(null);

  if (!session) return <CitizenLoading />;

  return (
    <CitizenShell extra={<BackToPortal />}>
      <div className="citizen-stack" data-testid="citizen-documents-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.documentsTitle}
        </Typography.Title>
        <Card className="citizen-card">
          <Typography.Paragraph type="secondary">{messages.documentsHint}</Typography.Paragraph>
          {error ? (
            <Alert type="error" showIcon title={error.detail} />
          ) : !data && loading ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : data?.items.length ? (
            <List
              dataSource={data.items}
              renderItem={(d) => (
                <List.Item
                  key={d.id}
                  data-testid="citizen-document"
                  actions={[
                    <Button key="pdf" href={`/api/v1/citizen/documents/${d.id}/pdf`} data-testid="citizen-document-pdf">
                      {messages.documentsDownload}
                    </Button>,
                    ...(d.revoked ? [] : [
                      <Button key="share" onClick={() => setOpen({ kind: 'share', id: d.id, title: d.title })} data-testid="citizen-document-share">
                        {messages.documentsShare}
                      </Button>,
                    ]),
                    <Button key="history" type="link" onClick={() => setOpen({ kind: 'history', id: d.id, title: d.title })} data-testid="citizen-document-history">
                      {messages.documentsHistory}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <span>{d.title}</span>
                        {d.revoked && <Tag color="red">{messages.documentsRevoked}</Tag>}
                        {d.development && <Tag color="orange">{messages.documentsDevelopment}</Tag>}
                        {d.inWallet && (
                          <Tooltip title={messages.documentsInWalletHint}>
                            <Tag color="blue" data-testid="citizen-document-in-wallet">
                              {messages.documentsInWallet}
                            </Tag>
                          </Tooltip>
                        )}
                      </Space>
                    }
                    description={`${d.issuerName} · ${formatDateTime(d.issuedAt)}${d.dossierCode ? ` · ${d.dossierCode}` : ''}`}
                  />
                </List.Item>
              )}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.documentsEmpty} data-testid="citizen-documents-empty" />
          )}
        </Card>
        {open?.kind === 'share' && <ShareModal documentId={open.id} title={open.title} onClose={() => setOpen(null)} />}
        {open?.kind === 'history' && <HistoryModal documentId={open.id} title={open.title} onClose={() => setOpen(null)} />}
      </div>
    </CitizenShell>
  );
}
