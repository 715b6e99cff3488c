import { Col, Row } from 'antd';
import { Bars } from '../../lodging/Bars.js';
import { activityLabels, messages } from '../../messages.js';
import { IocPage, refreshedLine, Section, useDashboard } from '../../ioc/IocPage.js';
import { KpiTiles } from '../../ioc/KpiTiles.js';

const ACTIVITIES = ['employed', 'student', 'homemaker', 'jobless', 'retired', 'none'] as const;

/** Operations centre, labour (model 38): people of working age by age band, sex, urban or rural, and what they do. */
export default function LabourPage() {
  const { data, loading } = useDashboard('/api/v1/ioc/labour', false);
  const waiting = loading && !data;
  const bands = data?.bands ?? [];

  return (
    <IocPage title={messages.iocLabourTitle} subtitle={refreshedLine(data?.refreshedAt)} testId="ioc-labour-page">
      <KpiTiles
        loading={waiting}
        items={[
          { key: 'total', label: messages.iocPopulation, value: data?.total },
          { key: 'workingAge', label: messages.iocWorkingAge, value: data?.workingAge },
          { key: 'employed', label: messages.iocEmployed, value: data?.employed },
          { key: 'jobless', label: messages.iocJobless, value: data?.activities.jobless },
          { key: 'urban', label: messages.iocUrban, value: data?.urban },
          { key: 'rural', label: messages.iocRural, value: data?.rural },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Section title={messages.iocLabourBySex} loading={waiting}>
            <Bars rows={bands.map((b) => ({ key: b.band, label: b.band, values: [b.male, b.female] }))} legend={[messages.statsMale, messages.statsFemale]} testId="ioc-labour-sex" />
          </Section>
        </Col>
        <Col xs={24} xl={8}>
          <Section title={messages.iocLabourByArea} loading={waiting}>
            <Bars rows={bands.map((b) => ({ key: b.band, label: b.band, values: [b.urban, b.rural] }))} legend={[messages.iocUrban, messages.iocRural]} testId="ioc-labour-area" />
          </Section>
        </Col>
        <Col xs={24} xl={8}>
          <Section title={messages.iocLabourOccupied} loading={waiting}>
            <Bars
              rows={bands.map((b) => ({ key: b.band, label: b.band, values: [b.employed, Math.max(0, b.male + b.female - b.employed)] }))}
              legend={[messages.iocEmployed, messages.iocNotEmployed]}
              testId="ioc-labour-employed"
            />
          </Section>
        </Col>
        <Col xs={24} xl={8}>
          <Section title={messages.iocLabourActivities} loading={waiting}>
            <Bars
              rows={ACTIVITIES.map((a) => ({ key: a, label: activityLabels[a], values: [data?.activities[a] ?? 0] }))}
              testId="ioc-labour-activities"
            />
          </Section>
        </Col>
      </Row>
    </IocPage>
  );
}
