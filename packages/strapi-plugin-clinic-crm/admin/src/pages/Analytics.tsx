import { useMemo, useState } from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Grid, TextInput, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { NoData } from '../components/NoData';
import { StatCard } from '../components/StatCard';
import { useT } from '../utils/i18n';
import { useApi } from '../utils/useApi';

interface Analytics {
  total: number;
  byCategory: Record<string, number>;
  bySeverity: Record<string, number>;
  byDepartment: Record<string, number>;
  byMonth: Record<string, number>;
  byPractitioner: Array<{ documentId: string; name: string; complaints: number }>;
  topTreatments: Array<{ documentId: string; name: string; complaints: number }>;
  medianHoursToFirstResponse: number | null;
  medianHoursToResolution: number | null;
  medianBusinessHoursToFirstResponse: number | null;
  medianBusinessHoursToResolution: number | null;
  slaBreachRate: number;
  breached: number;
  repeatComplainants: { count: number };
  satisfactionAfterResolution: { responses: number; average: number | null; satisfiedRate: number | null };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const monthsAgo = (n: number) => {
  const d = new Date();
  d.setMonth(d.getMonth() - n, 1);
  return isoDay(d);
};

const Chart = ({ title, rows, testId, line = false }: { title: string; rows: Array<{ label: string; value: number }>; testId: string; line?: boolean }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} height="100%">
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    <Box paddingTop={4}>
      {rows.length === 0 ? (
        <NoData testId={testId} />
      ) : (
        <div style={{ width: '100%', height: line ? 220 : Math.max(140, 34 * rows.length + 40) }} data-testid={testId}>
          <ResponsiveContainer>
            {line ? (
              <LineChart data={rows}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Line isAnimationActive={false} dataKey="value" stroke="#4945ff" />
              </LineChart>
            ) : (
              <BarChart layout="vertical" data={rows} margin={{ left: 24 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Bar isAnimationActive={false} dataKey="value" fill="#4945ff" />
              </BarChart>
            )}
          </ResponsiveContainer>
        </div>
      )}
    </Box>
  </Box>
);

/** Complaint analytics for a period: where complaints come from, how fast they are answered and resolved, how clients rate the outcome. */
export const AnalyticsPage = () => {
  const { t } = useT();
  const [from, setFrom] = useState(monthsAgo(6));
  const [to, setTo] = useState(isoDay(new Date(Date.now() + 86_400_000)));
  const { data, loading, error } = useApi<Analytics>(`/clinic-crm/complaints/analytics?from=${from}&to=${to}`);

  const rows = useMemo(() => {
    if (!data) return null;
    const entries = (o: Record<string, number>, prefix: string) => Object.entries(o).map(([k, v]) => ({ key: k, label: t(`${prefix}.${k}`, k), value: v }));
    return {
      category: entries(data.byCategory, 'complaint.category'),
      severity: entries(data.bySeverity, 'severity'),
      department: entries(data.byDepartment, 'department'),
      month: Object.entries(data.byMonth).map(([k, v]) => ({ key: k, label: k, value: v })),
      practitioner: data.byPractitioner.map((p) => ({ key: p.documentId, label: p.name, value: p.complaints })),
      treatment: data.topTreatments.map((p) => ({ key: p.documentId, label: p.name, value: p.complaints })),
    };
  }, [data]);

  const download = () => {
    if (!data || !rows) return;
    const lines = [['dimension', 'key', 'label', 'complaints']];
    for (const [dimension, list] of Object.entries(rows)) for (const r of list) lines.push([dimension, r.key, r.label, String(r.value)]);
    lines.push(['summary', 'total', '', String(data.total)], ['summary', 'slaBreachRate', '', String(data.slaBreachRate)]);
    lines.push(['summary', 'medianBusinessHoursToFirstResponse', '', String(data.medianBusinessHoursToFirstResponse ?? '')], ['summary', 'medianBusinessHoursToResolution', '', String(data.medianBusinessHoursToResolution ?? '')]);
    lines.push(['summary', 'medianHoursToFirstResponse', '', String(data.medianHoursToFirstResponse ?? '')], ['summary', 'medianHoursToResolution', '', String(data.medianHoursToResolution ?? '')]);
    lines.push(['summary', 'satisfactionAverage', '', String(data.satisfactionAfterResolution.average ?? '')]);
    const csv = '\uFEFF' + lines.map((l) => l.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    a.download = `complaint-analytics-${from}-${to}.csv`;
    a.click();
  };

  const hours = (h: number | null) => (h === null ? '—' : t('analytics.hours', '{h} h', { h }));
  return (
    <Page.Main>
      <Page.Title>{t('analytics.title', 'Complaint analytics')}</Page.Title>
      <Layouts.Header
        title={t('analytics.title', 'Complaint analytics')}
        subtitle={t('analytics.subtitle', 'Complaints received in the period. Times are business hours (opening hours, minus time paused waiting on the client), median.')}
        primaryAction={
          <Button startIcon={<Download />} variant="secondary" onClick={download} disabled={!data}>
            {t('analytics.csv', 'Download CSV')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex gap={4} paddingBottom={6} alignItems="flex-end">
          <Field.Root name="from">
            <Field.Label>{t('analytics.from', 'From')}</Field.Label>
            <TextInput type="date" value={from} onChange={(e: any) => e.target.value && setFrom(e.target.value)} />
          </Field.Root>
          <Field.Root name="to">
            <Field.Label>{t('analytics.to', 'Until (not included)')}</Field.Label>
            <TextInput type="date" value={to} onChange={(e: any) => e.target.value && setTo(e.target.value)} />
          </Field.Root>
        </Flex>
        {error ? (
          <Typography textColor="danger600">{error}</Typography>
        ) : loading && !data ? (
          <Page.Loading />
        ) : data && rows ? (
          <Grid.Root gap={4}>
            <Grid.Item col={2} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard label={t('analytics.total', 'Complaints')} value={data.total} testId="analytics-total" />
            </Grid.Item>
            <Grid.Item col={2} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard label={t('analytics.breachRate', 'Past a deadline')} value={`${Math.round(data.slaBreachRate * 1000) / 10}%`} tone={data.slaBreachRate > 0.1 ? 'danger' : 'neutral'} />
            </Grid.Item>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard label={t('analytics.firstResponse', 'First response (median)')} value={hours(data.medianBusinessHoursToFirstResponse)} testId="analytics-first-response" />
            </Grid.Item>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard label={t('analytics.resolution', 'Resolution (median)')} value={hours(data.medianBusinessHoursToResolution)} testId="analytics-resolution" />
            </Grid.Item>
            <Grid.Item col={2} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard
                label={t('analytics.satisfaction', 'Satisfaction after resolution')}
                value={data.satisfactionAfterResolution.average === null ? '—' : `${data.satisfactionAfterResolution.average} / 5`}
                testId="analytics-satisfaction"
              />
            </Grid.Item>
            <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
              <Chart title={t('analytics.byCategory', 'By category')} rows={rows.category} testId="analytics-category" />
            </Grid.Item>
            <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
              <Chart title={t('analytics.byMonth', 'By month')} rows={rows.month} testId="analytics-month" line />
            </Grid.Item>
            <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
              <Chart title={t('analytics.bySeverity', 'By severity')} rows={rows.severity} testId="analytics-severity" />
            </Grid.Item>
            <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
              <Chart title={t('analytics.byDepartment', 'By department')} rows={rows.department} testId="analytics-department" />
            </Grid.Item>
            <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
              <Chart title={t('analytics.byPractitioner', 'By practitioner of the treatment')} rows={rows.practitioner} testId="analytics-practitioner" />
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Chart title={t('analytics.byTreatment', 'Treatments complained about most')} rows={rows.treatment} testId="analytics-treatment" />
            </Grid.Item>
          </Grid.Root>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
};
