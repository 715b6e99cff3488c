import { Col, Row } from 'antd';
import { Bars } from '../../lodging/Bars.js';
import { messages } from '../../messages.js';
import { useSession } from '../../session.js';
import { CommuneGrid, withEmptyCommunes } from '../../ioc/CommuneGrid.js';
import { useIocFilter } from '../../ioc/filter.js';
import { formatNumber } from '../../format.js';
import { IocPage, refreshedLine, Section, useDashboard } from '../../ioc/IocPage.js';
import { KpiTiles } from '../../ioc/KpiTiles.js';
import { MonthColumns } from '../../ioc/MonthColumns.js';
import { Pyramid } from '../../ioc/Pyramid.js';
import { communes2025, useAsync } from '../../ioc/units.js';

/** Operations centre, population (model 37): totals, age pyramid, ethnicity, religion, communes, life events. */
export default function PopulationPage() {
  const [filter, setFilter] = useIocFilter();
  const { session } = useSession();
  const { data, loading } = useDashboard('/api/v1/ioc/population', false);
  // The whole province: every commune of the catalogue gets a tile, residents or not.
  const province = !filter.unit && session?.area.level === 'province' ? session.area.code : null;
  const units = useAsync(province ? `2025:${province}` : null, () => communes2025(province!));
  const waiting = loading && !data;
  const named = (list: { name: string; people: number }[] | undefined) => (list ?? []).map((n) => ({ key: n.name, label: n.name, values: [n.people] }));

  return (
    <IocPage title={messages.iocPopulationTitle} subtitle={refreshedLine(data?.refreshedAt)} testId="ioc-population-page">
      <KpiTiles
        loading={waiting}
        items={[
          { key: 'total', label: messages.iocPopulation, value: data?.total },
          { key: 'adults', label: messages.iocAdults, value: data?.adults },
          { key: 'households', label: messages.iocHouseholds, value: data?.households },
          { key: 'averageHouseholdSize', label: messages.iocAverageHousehold, value: data?.averageHouseholdSize, format: formatNumber },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Section title={messages.iocPyramid} loading={waiting}>
            <Pyramid rows={data?.pyramid ?? []} />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={messages.iocCommuneGrid} loading={waiting} extra={<span className="muted">{messages.iocCommuneGridHint}</span>}>
            <CommuneGrid
              communes={withEmptyCommunes(data?.communes ?? [], province ? units : null)}
              selected={filter.scheme === '2025' ? filter.unit : undefined}
              onPick={(code) => setFilter({ scheme: '2025', unit: code })}
            />
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={messages.iocEthnicity} loading={waiting}>
            <Bars rows={named(data?.ethnicity)} testId="ioc-ethnicity" />
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={messages.iocReligion} loading={waiting}>
            <Bars rows={named(data?.religion)} testId="ioc-religion" />
          </Section>
        </Col>
      </Row>
      <Section title={messages.iocEvents} loading={waiting}>
        <MonthColumns
          months={(data?.events ?? []).map((e) => ({ month: e.month, values: [e.birth, e.death, e.move] }))}
          legend={[messages.iocBirths, messages.iocDeaths, messages.iocMoves]}
          testId="ioc-events"
        />
      </Section>
    </IocPage>
  );
}
