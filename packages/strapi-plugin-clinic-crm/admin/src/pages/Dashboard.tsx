import { Layouts, Page } from '@strapi/strapi/admin';
import { Box, Button, Flex, Grid, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { useNavigate } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { StatCard } from '../components/StatCard';
import { NoData } from '../components/NoData';
import { formatDateTime, useT } from '../utils/i18n';
import { useApi } from '../utils/useApi';
import { WhereComplaintsSit, type SittingComplaint } from './complaints/WhereComplaintsSit';

interface Figure {
  count: number;
  link: string;
}
interface Keyed extends Partial<Figure> {
  key: string;
  count: number;
}
interface Summary {
  generatedAt: string;
  timeZone: string;
  complaints: {
    open: number;
    openLink: string;
    byStatus: Keyed[];
    latest: Array<{ documentId: string; referenceNumber: string; category: string; channel: string; department: string; assignee: string | null; workflowStatus: string; receivedAt: string; resolutionDueAt: string; sla: string }>;
    bySla: Keyed[];
    breachesThisMonth: Figure;
    byMonth: Keyed[];
    byCategory: Keyed[];
    medianHoursToFirstResponse: number | null;
    slaBreachRate: number;
    whereTheySit: SittingComplaint[];
  };
  followUps: { dueToday: Figure; overdue: Figure };
  consents: { expiring: Figure; expiringWithinDays: number };
  sops: { reviewOverdue: Figure & { items: Array<{ code: string; title: string; reviewDate: string }> } };
  operations: { devicesOverdue: Figure; devicesDueSoon: Figure; drillsOverdue: Figure; photosFlagged: Figure };
  staff: { certificationsExpired: Figure & { items: Array<{ staff: { fullName: string }; expired: Array<{ code: string; expiredOn: string }> }> } };
}

interface Rated {
  key: string;
  label: string;
  responses: number;
  satisfied: number;
  rate: number | null;
  meetsTarget: boolean | null;
}
interface Satisfaction {
  targetPercent: number;
  overall: Rated;
  byTreatment: Rated[];
  byPractitioner: Rated[];
  byMonth: Rated[];
}

/** Satisfaction rate per group against the clinic's target (bars red below it). */
const RateChart = ({ rows, target, testId }: { rows: Rated[]; target: number; testId: string }) =>
  rows.every((r) => r.rate === null) ? (
    <NoData testId={testId} />
  ) : (
  <div style={{ width: '100%', height: Math.max(160, 36 * rows.length + 40) }} data-testid={testId}>
    <ResponsiveContainer>
      <BarChart layout="vertical" data={rows.filter((r) => r.rate !== null)} margin={{ left: 24 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 100]} unit="%" />
        <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v: any, _n: any, p: any) => [`${v}% (${p.payload.satisfied}/${p.payload.responses})`, '']} />
        <ReferenceLine x={target} stroke="#d02b20" strokeDasharray="4 4" />
        <Bar isAnimationActive={false} dataKey="rate">
          {rows.filter((r) => r.rate !== null).map((r) => (
            <Cell key={r.key} fill={r.meetsTarget ? '#328048' : '#d02b20'} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  </div>
  );

const SLA_COLOURS: Record<string, string> = { on_track: '#328048', at_risk: '#d9822f', paused: '#8e8ea9', breached: '#d02b20' };

const Panel = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} height="100%">
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    <Box paddingTop={4}>{children}</Box>
  </Box>
);

export const DashboardPage = () => {
  const { t, locale } = useT();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi<Summary>('/clinic-crm/dashboard');
  const satisfaction = useApi<Satisfaction>('/clinic-crm/satisfaction');
  const sat = satisfaction.data;
  if (loading && !data) return <Page.Loading />;
  if (error || !data) return <Page.Error />;

  const status = (k: string) => t(`complaint.status.${k}`, k);
  const sla = (k: string) => t(`sla.${k}`, k);
  const go = (link?: string) => link && navigate(link);
  const c = data.complaints;

  return (
    <Page.Main>
      <Page.Title>{t('dashboard.title', 'CRM dashboard')}</Page.Title>
      <Layouts.Header
        title={t('dashboard.title', 'CRM dashboard')}
        subtitle={t('dashboard.subtitle', 'Open complaints, SLA clocks, follow-ups and reviews at a glance. Every figure opens its list.')}
        primaryAction={<Button variant="secondary" onClick={reload}>{t('common.refresh', 'Refresh')}</Button>}
      />
      <Layouts.Content>
        <Grid.Root gap={4}>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard testId="open-complaints" label={t('dashboard.openComplaints', 'Open complaints')} value={c.open} link={c.openLink} tone={c.open ? 'warning' : 'success'} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard testId="breaches-month" label={t('dashboard.breachesThisMonth', 'SLA breaches this month')} value={c.breachesThisMonth.count} link={c.breachesThisMonth.link} tone={c.breachesThisMonth.count ? 'danger' : 'success'} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard testId="due-today" label={t('dashboard.followUpsDueToday', 'Follow-ups due today')} value={data.followUps.dueToday.count} link={data.followUps.dueToday.link} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard testId="overdue" label={t('dashboard.followUpsOverdue', 'Follow-ups overdue')} value={data.followUps.overdue.count} link={data.followUps.overdue.link} tone={data.followUps.overdue.count ? 'danger' : 'success'} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard testId="consents-expiring" label={t('dashboard.consentsExpiring', 'Consents expiring within {days} days', { days: data.consents.expiringWithinDays })} value={data.consents.expiring.count} link={data.consents.expiring.link} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard testId="sop-reviews" label={t('dashboard.sopReviewsOverdue', 'SOP reviews overdue')} value={data.sops.reviewOverdue.count} link={data.sops.reviewOverdue.link} tone={data.sops.reviewOverdue.count ? 'warning' : 'success'} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard testId="devices-overdue" label={t('dashboard.devicesOverdue', 'Devices past maintenance')} value={data.operations.devicesOverdue.count} link={data.operations.devicesOverdue.link} tone={data.operations.devicesOverdue.count ? 'danger' : 'success'} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard label={t('dashboard.devicesDueSoon', 'Devices due within 7 days')} value={data.operations.devicesDueSoon.count} link={data.operations.devicesDueSoon.link} tone={data.operations.devicesDueSoon.count ? 'warning' : 'neutral'} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard testId="drills-overdue" label={t('dashboard.drillsOverdue', 'Emergency drills overdue')} value={data.operations.drillsOverdue.count} link={data.operations.drillsOverdue.link} tone={data.operations.drillsOverdue.count ? 'danger' : 'success'} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard label={t('dashboard.photosFlagged', 'Photos flagged for removal')} value={data.operations.photosFlagged.count} link={data.operations.photosFlagged.link} tone={data.operations.photosFlagged.count ? 'warning' : 'neutral'} />
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard
              testId="certifications-expired"
              label={t('dashboard.certificationsExpired', 'Staff with an expired certification')}
              value={data.staff.certificationsExpired.count}
              link={data.staff.certificationsExpired.link}
              tone={data.staff.certificationsExpired.count ? 'danger' : 'success'}
            />
            {data.staff.certificationsExpired.items.map((x) => (
              <Typography key={x.staff.fullName} variant="pi" textColor="danger600">
                {x.staff.fullName}: {x.expired.map((e) => `${e.code} (${e.expiredOn})`).join(', ')}
              </Typography>
            ))}
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <StatCard label={t('dashboard.breachRate', 'SLA breach rate (6 months)')} value={`${Math.round(c.slaBreachRate * 1000) / 10}%`} />
          </Grid.Item>

          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Panel title={t('dashboard.byStatus', 'Open complaints by status')}>
              <div style={{ width: '100%', height: 260 }} data-testid="chart-status">
                <ResponsiveContainer>
                  <BarChart layout="vertical" data={c.byStatus.map((s) => ({ ...s, name: status(s.key) }))} onClick={(e: any) => go(e?.activePayload?.[0]?.payload?.link)} margin={{ left: 24 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="name" width={130} interval={0} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Bar isAnimationActive={false} dataKey="count" name={t('dashboard.count', 'Count')} fill="#4945ff" cursor="pointer" />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </Panel>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Panel title={t('dashboard.bySla', 'Open complaints by SLA state')}>
              <div style={{ width: '100%', height: 260 }} data-testid="chart-sla">
                <ResponsiveContainer>
                  <PieChart>
                    <Pie isAnimationActive={false} data={c.bySla.map((s) => ({ ...s, name: sla(s.key) }))} dataKey="count" nameKey="name" innerRadius={55} outerRadius={95} label onClick={(e: any) => go(e?.link ?? e?.payload?.link)} cursor="pointer">
                      {c.bySla.map((s) => (
                        <Cell key={s.key} fill={SLA_COLOURS[s.key]} />
                      ))}
                    </Pie>
                    <Legend />
                    <Tooltip />
                  </PieChart>
                </ResponsiveContainer>
              </div>
              <Flex gap={3} wrap="wrap" paddingTop={2}>
                {c.bySla.map((s) => (
                  <Button key={s.key} size="S" variant="tertiary" onClick={() => go(s.link)} data-testid={`sla-${s.key}`}>
                    {sla(s.key)}: {s.count}
                  </Button>
                ))}
              </Flex>
            </Panel>
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Panel title={t('dashboard.latest', 'Newest open complaints and where they were routed')}>
              <Table colCount={6} rowCount={c.latest.length + 1}>
                <Thead>
                  <Tr>
                    <Th>{t('complaints.reference', 'Reference')}</Th>
                    <Th>{t('complaints.category', 'Category')}</Th>
                    <Th>{t('complaints.routedTo', 'Routed to')}</Th>
                    <Th>{t('complaints.status', 'Status')}</Th>
                    <Th>{t('complaints.resolutionDue', 'Resolution due')}</Th>
                    <Th>SLA</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {c.latest.map((x) => (
                    <Tr key={x.documentId} data-testid={`latest-${x.referenceNumber}`}>
                      <Td>
                        <Link to={`/content-manager/collection-types/plugin::clinic-crm.complaint/${x.documentId}`}>{x.referenceNumber}</Link>
                      </Td>
                      <Td>{t(`complaint.category.${x.category}`, x.category)}</Td>
                      <Td data-testid="routed-to">
                        {t(`department.${x.department}`, x.department ?? '—')}
                        {x.assignee ? ` · ${x.assignee}` : ''}
                      </Td>
                      <Td>{t(`complaint.status.${x.workflowStatus}`, x.workflowStatus)}</Td>
                      <Td>{formatDateTime(x.resolutionDueAt, locale, data.timeZone)}</Td>
                      <Td>
                        <span style={{ background: SLA_COLOURS[x.sla], color: '#fff', padding: '2px 8px', borderRadius: 4, fontSize: 12, fontWeight: 600 }}>{sla(x.sla)}</span>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Panel>
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Panel title={t('handoff.board', 'Where each open complaint sits and for how long')}>
              <WhereComplaintsSit rows={c.whereTheySit} />
            </Panel>
          </Grid.Item>
          {sat ? (
            <>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="satisfaction"
                  label={t('dashboard.satisfaction', 'Satisfaction (target {target}%)', { target: sat.targetPercent })}
                  value={sat.overall.rate === null ? '—' : `${sat.overall.rate}%`}
                  tone={sat.overall.meetsTarget === false ? 'danger' : sat.overall.meetsTarget ? 'success' : 'neutral'}
                />
                <Typography variant="pi" textColor="neutral600">
                  {t('dashboard.surveyResponses', '{n} survey answers', { n: sat.overall.responses })}
                </Typography>
              </Grid.Item>
              <Grid.Item col={9} s={12} direction="column" alignItems="stretch">
                <Panel title={t('dashboard.satisfactionByMonth', 'Satisfaction per month')}>
                  <RateChart rows={sat.byMonth.map((m) => ({ ...m, label: m.key }))} target={sat.targetPercent} testId="chart-satisfaction-month" />
                </Panel>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Panel title={t('dashboard.satisfactionByPractitioner', 'Satisfaction per practitioner')}>
                  <RateChart rows={sat.byPractitioner} target={sat.targetPercent} testId="chart-satisfaction-practitioner" />
                </Panel>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Panel title={t('dashboard.satisfactionByTreatment', 'Satisfaction per treatment')}>
                  <RateChart rows={sat.byTreatment} target={sat.targetPercent} testId="chart-satisfaction-treatment" />
                </Panel>
              </Grid.Item>
            </>
          ) : null}
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Panel title={t('dashboard.byMonth', 'Complaints received per month')}>
              <div style={{ width: '100%', height: 240 }}>
                <ResponsiveContainer>
                  <LineChart data={c.byMonth}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="key" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Line isAnimationActive={false} type="monotone" dataKey="count" name={t('dashboard.count', 'Count')} stroke="#4945ff" strokeWidth={2} />
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </Panel>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Panel title={t('dashboard.sopReviews', 'SOPs past their review date')}>
              {data.sops.reviewOverdue.items.length === 0 ? (
                <Typography textColor="neutral600">{t('dashboard.noSopReviews', 'All SOPs are within their review date.')}</Typography>
              ) : (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  {data.sops.reviewOverdue.items.map((s) => (
                    <Flex key={s.code} justifyContent="space-between">
                      <Typography>
                        {s.code} · {s.title}
                      </Typography>
                      <Typography textColor="danger600">{s.reviewDate}</Typography>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Panel>
          </Grid.Item>
        </Grid.Root>
        <Box paddingTop={4}>
          <Typography variant="pi" textColor="neutral500">
            {t('dashboard.generatedAt', 'Figures as of {at} ({tz})', { at: new Date(data.generatedAt).toLocaleString(), tz: data.timeZone })}
          </Typography>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};
