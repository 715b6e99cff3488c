import { Alert, Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { useCitizenPage } from '../../citizen/useCitizenPage.js';
import { formatDateTime } from '../../format.js';
import { messages } from '../../messages.js';

/** Kho dữ liệu điện tử: the signed results issued to the citizen, newest first, each downloadable (every access is logged). */
export default function DocumentsPage() {
  const { session, data, error, loading } = useCitizenPage('/citizen/documents', '/api/v1/citizen/documents');

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
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <span>{d.title}</span>
                        {d.revoked && <Tag color="red">{messages.documentsRevoked}</Tag>}
                        {d.development && <Tag color="orange">{messages.documentsDevelopment}</Tag>}
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
      </div>
    </CitizenShell>
  );
}
