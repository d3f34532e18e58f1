import { useState } from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, Switch, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime, useT } from '../../utils/i18n';
import { useApi } from '../../utils/useApi';

interface Row {
  documentId: string;
  referenceNumber: string;
  contactName: string | null;
  category: string;
  severity: string;
  workflowStatus: string;
  receivedAt: string;
  resolutionDueAt: string | null;
  breached: boolean;
  pausedSince: string | null;
  assignee: { fullName: string } | null;
  client: { clientNumber: string; fullName: string } | null;
}

/** The complaint desk: open complaints, most urgent first, and the way in for a phone or walk-in complaint. */
export const ComplaintDeskPage = () => {
  const { t, locale } = useT();
  const navigate = useNavigate();
  const [mine, setMine] = useState(false);
  const { data, loading, error } = useApi<Row[]>(`/clinic-crm/desk/complaints?status=open&mine=${mine}`);
  if (error) return <Page.Error />;
  return (
    <Page.Main>
      <Page.Title>{t('desk.title', 'Complaint desk')}</Page.Title>
      <Layouts.Header
        title={t('desk.title', 'Complaint desk')}
        subtitle={t('desk.subtitle', 'Open complaints, the nearest deadline first.')}
        primaryAction={<Button onClick={() => navigate('new')}>{t('desk.new', 'Take a complaint (phone / walk-in)')}</Button>}
      />
      <Layouts.Content>
        <Flex paddingBottom={4}>
          <Switch checked={mine} onCheckedChange={(v: boolean) => setMine(v)} visibleLabels onLabel={t('desk.mine', 'Assigned to me')} offLabel={t('desk.all', 'All open complaints')} />
        </Flex>
        {loading && !data ? (
          <Page.Loading />
        ) : !data?.length ? (
          <Box padding={8} background="neutral0" hasRadius>
            <Typography textColor="neutral600">{t('desk.none', 'No open complaints.')}</Typography>
          </Box>
        ) : (
          <Table colCount={7} rowCount={data.length + 1}>
            <Thead>
              <Tr>
                <Th>{t('complaints.reference', 'Reference')}</Th>
                <Th>{t('desk.contact', 'Who')}</Th>
                <Th>{t('complaints.category', 'Category')}</Th>
                <Th>{t('desk.severity', 'Severity')}</Th>
                <Th>{t('complaints.status', 'Status')}</Th>
                <Th>{t('complaints.resolutionDue', 'Resolution due')}</Th>
                <Th>{t('desk.assignee', 'Handled by')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {data.map((c) => (
                <Tr key={c.documentId} data-testid={`desk-${c.referenceNumber}`}>
                  <Td>
                    <Link to={c.documentId}>{c.referenceNumber}</Link>
                  </Td>
                  <Td>{c.client ? `${c.client.fullName}（${c.client.clientNumber}）` : c.contactName ?? '—'}</Td>
                  <Td>{t(`complaint.category.${c.category}`, c.category)}</Td>
                  <Td>{t(`severity.${c.severity}`, c.severity)}</Td>
                  <Td>
                    <Badge>{t(`complaint.status.${c.workflowStatus}`, c.workflowStatus)}</Badge> {c.pausedSince ? <Badge>{t('desk.paused', 'Paused')}</Badge> : null}
                  </Td>
                  <Td>
                    <Typography textColor={c.breached ? 'danger600' : 'neutral800'}>{formatDateTime(c.resolutionDueAt, locale)}</Typography>
                  </Td>
                  <Td>{c.assignee?.fullName ?? '—'}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
