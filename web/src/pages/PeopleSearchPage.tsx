import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, ok } from '../api.js';
import { CommuneSelect } from '../components/CommuneSelect.js';
import { PageHeading } from '../components/PageHeading.js';
import { PersonTable } from '../components/PersonTable.js';
import { DATE_FORMAT, WIRE_DATE } from '../format.js';
import { messages, t } from '../messages.js';
import { hasPermission, useSession } from '../session.js';
import type { PersonListItem } from '../api/shapes.js';

const PAGE_SIZE = 20;

interface FormValues {
  q?: string;
  dateOfBirth?: Dayjs | null;
  communeCode?: string;
}

/** The criteria live in the URL, so going back from a person returns to the same results. */
function criteriaFrom(params: URLSearchParams) {
  return { q: params.get('q') ?? '', dateOfBirth: params.get('dateOfBirth') ?? '', communeCode: params.get('communeCode') ?? '' };
}

export default function PeopleSearchPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [items, setItems] = useState<PersonListItem[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const criteria = criteriaFrom(params);
  const criteriaKey = params.toString();
  const hasCriteria = Boolean(criteria.q || criteria.dateOfBirth || criteria.communeCode);

  const load = useCallback(
    async (offset: number) => {
      const c = criteriaFrom(new URLSearchParams(criteriaKey));
      setLoading(true);
      setError(null);
      try {
        const page = await ok(api.GET('/api/v1/people', { params: { query: { ...c, limit: PAGE_SIZE, offset } } }));
        setItems((prev) => (offset === 0 ? page.items : [...prev, ...page.items]));
        setHasMore(page.hasMore);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return;
        setError(err instanceof ApiError ? err.detail : messages.genericError);
      } finally {
        setLoading(false);
      }
    },
    [criteriaKey],
  );

  useEffect(() => {
    const c = criteriaFrom(new URLSearchParams(criteriaKey));
    form.setFieldsValue({
      q: c.q,
      dateOfBirth: c.dateOfBirth ? dayjs(c.dateOfBirth) : null,
      communeCode: c.communeCode || undefined,
    });
    if (c.q || c.dateOfBirth || c.communeCode) void load(0);
    else {
      setItems([]);
      setHasMore(false);
    }
  }, [criteriaKey, form, load]);

  function submit(values: FormValues) {
    const next = new URLSearchParams();
    const q = values.q?.trim();
    if (q) next.set('q', q);
    if (values.dateOfBirth) next.set('dateOfBirth', values.dateOfBirth.format(WIRE_DATE));
    if (values.communeCode) next.set('communeCode', values.communeCode);
    if (!next.size) {
      setError(messages.enterCriteria);
      return;
    }
    if (next.toString() === criteriaKey) void load(0);
    else setParams(next);
  }

  function reset() {
    form.resetFields();
    setError(null);
    setParams(new URLSearchParams());
  }

  if (!session) return null;
  return (
    <div className="page">
      <PageHeading
        title={messages.searchTitle}
        subtitle={messages.searchHint}
        extra={
          hasPermission(session, 'registry.write') && (
            <Button type="primary" onClick={() => void navigate('/officer/people/new')} data-testid="new-person">
              {messages.newPerson}
            </Button>
          )
        }
      />
      <Card className="search-card">
        <Form<FormValues> form={form} layout="vertical" onFinish={submit} className="search-form" data-testid="search-form">
          <Form.Item name="q" label={messages.searchQuery} className="search-q">
            <Input allowClear placeholder={messages.searchQueryPlaceholder} data-testid="search-q" size="large" />
          </Form.Item>
          <Form.Item name="dateOfBirth" label={messages.dateOfBirthFilter} className="search-dob">
            <DatePicker
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              data-testid="search-dob"
              size="large"
              disabledDate={(d) => d.isAfter(dayjs())}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="communeCode" label={messages.communeFilter} className="search-commune">
            <CommuneSelect area={session.area} aria-label={messages.communeFilter} />
          </Form.Item>
          <Form.Item label=" " className="search-actions">
            <div className="search-buttons">
              <Button type="primary" htmlType="submit" size="large" data-testid="search-submit" loading={loading}>
                {messages.search}
              </Button>
              <Button size="large" onClick={reset}>
                {messages.reset}
              </Button>
            </div>
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert className="page-alert" type="error" showIcon title={error} data-testid="search-error" />}
      {hasCriteria && (
        <Card className="results-card">
          <Typography.Text type="secondary" className="results-count">
            {t('resultsCount', { n: items.length })}
          </Typography.Text>
          <PersonTable items={items} loading={loading} />
          {hasMore && (
            <div className="load-more">
              <Button onClick={() => void load(items.length)} loading={loading} data-testid="load-more">
                {messages.loadMore}
              </Button>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
