import { StatisticsView } from '../../lodging/StatisticsView.js';
import { messages } from '../../messages.js';
import { IocPage, periodLine, useDashboard } from '../../ioc/IocPage.js';

/** Operations centre, tourism through lodging (model 39): the lodging statistics of the unit and period. */
export default function TourismPage() {
  const { data, loading } = useDashboard('/api/v1/ioc/tourism', true);
  return (
    <IocPage title={messages.iocTourismTitle} subtitle={periodLine(data)} period testId="ioc-tourism-page">
      <StatisticsView data={data} loading={loading} />
    </IocPage>
  );
}
