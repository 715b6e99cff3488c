import { Col, Progress, Row } from 'antd';
import { Bars, OUTCOME_TONES } from '../../lodging/Bars.js';
import { messages, t } from '../../messages.js';
import { formatNumber, formatPercent } from '../../format.js';
import { IocPage, periodLine, Section, useDashboard } from '../../ioc/IocPage.js';
import { KpiTiles } from '../../ioc/KpiTiles.js';

/** A share of the adults as a gauge, with the count it stands for. */
function Gauge({ share, count, adults, label, testId }: { share: number; count: number; adults: number; label: string; testId: string }) {
  return (
    <div className="ioc-gauge" data-testid={testId} data-value={share}>
      {/* Coverage is good news: a blue-green stroke, not the red that reads as an error or a warning. */}
      <Progress type="dashboard" percent={share} format={() => formatPercent(share)} strokeColor="#1f7a6d" size={160} />
      <div className="ioc-gauge-label">{label}</div>
      <div className="muted">{t('iocShareOf', { n: formatNumber(count), total: formatNumber(adults) })}</div>
    </div>
  );
}

/** Operations centre, digital citizens (models 23, 24): e-ID coverage of adults, verifications, single sign-on. */
export default function ReadinessPage() {
  const { data, loading } = useDashboard('/api/v1/ioc/readiness', true);
  const waiting = loading && !data;

  return (
    <IocPage title={messages.iocReadinessTitle} subtitle={periodLine(data)} period testId="ioc-readiness-page">
      <KpiTiles
        loading={waiting}
        items={[
          { key: 'adults', label: messages.iocAdults, value: data?.adults },
          { key: 'level1', label: messages.iocLevel1, value: data?.level1 },
          { key: 'level2', label: messages.iocLevel2, value: data?.level2 },
          { key: 'verifications', label: messages.iocVerificationsTotal, value: data?.verifications.reduce((s, v) => s + v.verifications, 0) },
          { key: 'signIns', label: messages.iocSignInsTotal, value: data?.signIns.reduce((s, c) => s + c.signIns, 0) },
        ]}
      />
      <Section title={messages.iocCoverage} loading={waiting}>
        {data && (
          <div className="ioc-gauges">
            <Gauge share={data.level1Share} count={data.level1 + data.level2} adults={data.adults} label={messages.iocLevel1Share} testId="ioc-level1-share" />
            <Gauge share={data.level2Share} count={data.level2} adults={data.adults} label={messages.iocLevel2Share} testId="ioc-level2-share" />
          </div>
        )}
      </Section>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Section title={messages.iocVerifications} loading={waiting}>
            <Bars
              rows={(data?.verifications ?? []).map((v) => ({ key: v.type, label: t('iocVerificationRow', { label: v.label, sites: v.sites }), values: [v.valid, v.verifications - v.valid] }))}
              legend={[messages.iocValid, messages.iocInvalid]}
              tones={OUTCOME_TONES}
              testId="ioc-verifications"
            />
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={messages.iocSignIns} loading={waiting}>
            <Bars rows={(data?.signIns ?? []).map((c) => ({ key: c.clientId, label: c.name, values: [c.signIns] }))} tones={['bar-tone-info']} testId="ioc-sign-ins" />
          </Section>
        </Col>
      </Row>
    </IocPage>
  );
}
