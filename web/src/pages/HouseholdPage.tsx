import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Result, Skeleton } from 'antd';
import { MembersTable } from '../components/MembersTable.js';
import { PageHeading } from '../components/PageHeading.js';
import { messages, t } from '../messages.js';
import { useApi } from '../useApi.js';

export default function HouseholdPage() {
  const { no = '' } = useParams();
  const navigate = useNavigate();
  const { data, error } = useApi('/api/v1/households/{householdNo}', { params: { path: { householdNo: no } } });
  const back = <Button onClick={() => void navigate(-1)}>{messages.back}</Button>;

  if (error) return <Result status={error.status === 404 ? '404' : 'error'} title={error.title} extra={back} />;
  if (!data) {
    return (
      <div className="page">
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }
  return (
    <div className="page" data-testid="household-page">
      <PageHeading title={t('householdTitle', { no: data.householdNo })} extra={back} />
      <Card className="section-card">
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'addr', label: messages.householdAddress, children: data.address },
            { key: 'commune', label: messages.commune, children: data.commune.name },
            { key: 'count', label: messages.memberCount, children: data.members.length },
          ]}
        />
      </Card>
      <Card title={messages.members} className="section-card">
        <MembersTable members={data.members} />
      </Card>
    </div>
  );
}
