import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Input, List, Tag } from 'antd';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { fieldLabel } from '../identity.js';
import { messages, t, verificationMethodLabels } from '../messages.js';
import type { DeskVerification } from '../api/shapes.js';
import { useGet } from '../useApi.js';

const PAGE_SIZE = 10;

/** Whom a verification was about, as far as the counter was shown them. */
function who(v: DeskVerification): string {
  if (v.fullName) return v.personalId ? `${v.fullName} · ${v.personalId}` : v.fullName;
  if (v.personalId) return v.personalId;
  return v.identified ? messages.deskRecentHidden : messages.deskRecentNobody;
}

/**
 * The counter's verifications, a page at a time (newest first): outcome, whom (name and masked ID only where
 * the purpose let the verification show them), method and fields shown; searchable by what was shown.
 * `refresh` grows after each new verification.
 */
export function RecentVerifications({ refresh }: { refresh: number }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const state = useGet(api, '/api/v1/verifications', { params: { query: { q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } }, { keepData: true });
  const { data, error, loading, reload } = state;
  // A new verification (refresh grows): back to its page, the first.
  const seen = useRef(refresh);
  useEffect(() => {
    if (seen.current === refresh) return;
    seen.current = refresh;
    if (page === 1) reload();
    else setPage(1);
  }, [refresh, page, reload]);

  return (
    <Card
      className="citizen-card"
      title={messages.deskRecent}
      extra={
        <Button size="small" onClick={reload} loading={loading}>
          {messages.reload}
        </Button>
      }
      data-testid="desk-recent"
    >
      <label className="field-label" htmlFor="desk-recent-q">
        {messages.deskRecentSearch}
      </label>
      <Input.Search
        id="desk-recent-q"
        allowClear
        placeholder={messages.deskRecentSearchPlaceholder}
        enterButton={messages.search}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
        data-testid="desk-recent-q"
        className="desk-recent-q"
      />
      {error ? (
        <Alert type="warning" showIcon title={error.detail} />
      ) : (
        <List<DeskVerification>
          loading={loading && !data}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? messages.deskRecentNoMatch : messages.deskRecentEmpty} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            size: 'small',
            onChange: setPage,
            showTotal: (n) => t('deskRecentTotal', { n }),
          }}
          renderItem={(v) => (
            <List.Item key={v.id} data-testid="desk-recent-item" data-result={v.result}>
              <List.Item.Meta
                title={
                  <span className="desk-recent-head">
                    <Tag color={v.result === 'valid' ? 'green' : 'red'}>{v.result === 'valid' ? messages.resultValid : messages.resultInvalid}</Tag>
                    <span>{formatDateTime(v.at)}</span>
                  </span>
                }
                description={
                  <>
                    <div className={v.fullName ? 'desk-recent-who' : 'desk-recent-who muted'} data-testid="desk-recent-who">
                      {who(v)}
                    </div>
                    <div>
                      {[
                        verificationMethodLabels[v.method] ?? v.method,
                        v.fields.length ? v.fields.map(fieldLabel).join(', ') : null,
                        v.reason,
                        `${messages.deskStaff}: ${v.staff ?? messages.deskApiCall}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
