import { Layouts, Page } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDateTime, useT } from '../../utils/i18n';
import { useApi } from '../../utils/useApi';
import { usePluginPermissions } from '../../utils/permissions';
import { ComplaintActions } from './ComplaintActions';
import { ComplaintHandoffs } from './ComplaintHandoffs';

interface Complaint {
  documentId: string;
  referenceNumber: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  channel: string;
  category: string;
  severity: string;
  description: string | null;
  occurredAt: string | null;
  productBatchNumber: string | null;
  department: string | null;
  workflowStatus: string;
  receivedAt: string;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  pausedSince: string | null;
  breached: boolean;
  resolutionTypes: string[] | null;
  refundAmount: number | null;
  resolutionNotes: string | null;
  assignee: { fullName: string; department: string } | null;
  client: { documentId: string; clientNumber: string; fullName: string; phone: string | null } | null;
  treatmentRecord: { recordNumber: string; performedAt: string; treatment: { name: string } | null } | null;
  next: string[];
  open: boolean;
  refundApprovalThreshold: number;
  events: Array<{ type: string; fromStatus: string | null; toStatus: string | null; actor: string | null; note: string | null; occurredAt: string }>;
}

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Box paddingBottom={3}>
    <Typography variant="sigma" textColor="neutral600" tag="div">
      {label}
    </Typography>
    <Typography tag="div">{children}</Typography>
  </Box>
);

/** One complaint: what happened, who handles it by when, the next workflow steps and the timeline. */
export const ComplaintPage = () => {
  const { t, locale } = useT();
  const navigate = useNavigate();
  const { documentId } = useParams();
  const { data: c, loading, error, reload } = useApi<Complaint>(`/clinic-crm/desk/complaints/${documentId}`);
  const mayRecall = usePluginPermissions().can('recalls.manage');
  if (loading && !c) return <Page.Loading />;
  if (error || !c) return <Page.Error />;
  const when = (v: string | null) => formatDateTime(v, locale);
  const money = (n: number) => `NT$${n.toLocaleString('en-US')}`;
  return (
    <Page.Main>
      <Page.Title>{c.referenceNumber}</Page.Title>
      <Layouts.Header
        title={`${c.referenceNumber} · ${t(`complaint.category.${c.category}`, c.category)}`}
        subtitle={
          <Flex gap={2}>
            <Badge data-testid="complaint-status">{t(`complaint.status.${c.workflowStatus}`, c.workflowStatus)}</Badge>
            {c.pausedSince ? <Badge>{t('desk.paused', 'Paused')}</Badge> : null}
            {c.breached ? <Badge textColor="danger600">{t('desk.breached', 'Past deadline')}</Badge> : null}
          </Flex>
        }
        navigationAction={<Flex><Button variant="tertiary" startIcon={<ArrowLeft />} onClick={() => navigate('../complaints')}>{t('common.back', 'Back')}</Button></Flex>}
      />
      <Layouts.Content>
        <Grid.Root gap={6}>
          <Grid.Item col={8} xs={12} direction="column" alignItems="stretch">
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Typography variant="delta" tag="h2">
                {t('desk.whatHappened', 'What happened')}
              </Typography>
              <Box paddingTop={2} paddingBottom={4}>
                <Typography style={{ whiteSpace: 'pre-wrap' }}>{c.description ?? '—'}</Typography>
              </Box>
              <Grid.Root gap={4}>
                <Grid.Item col={6} direction="column" alignItems="stretch">
                  <Fact label={t('desk.contact', 'Who')}>
                    {c.client ? <Link to={`../timeline/${c.client.documentId}`}>{`${c.client.fullName}（${c.client.clientNumber}）`}</Link> : c.contactName ?? '—'}
                  </Fact>
                  <Fact label={t('desk.reach', 'How to reach them')}>{[c.contactPhone, c.contactEmail].filter(Boolean).join(' · ') || '—'}</Fact>
                  <Fact label={t('desk.channel', 'Came in by')}>{t(`channel.${c.channel}`, c.channel)}</Fact>
                  <Fact label={t('desk.occurredAt', 'When it happened')}>{when(c.occurredAt)}</Fact>
                </Grid.Item>
                <Grid.Item col={6} direction="column" alignItems="stretch">
                  <Fact label={t('desk.severity', 'Severity')}>{t(`severity.${c.severity}`, c.severity)}</Fact>
                  <Fact label={t('desk.treatmentRecord', 'Treatment concerned')}>
                    {c.treatmentRecord ? `${c.treatmentRecord.treatment?.name ?? ''} · ${when(c.treatmentRecord.performedAt)} · ${c.treatmentRecord.recordNumber}` : '—'}
                  </Fact>
                  <Fact label={t('desk.batch', 'Product batch number (if known)')}>
                    {c.productBatchNumber ?? '—'}
                    {c.productBatchNumber && mayRecall ? (
                      <Box paddingTop={1}>
                        <Link to={`../recalls?batch=${encodeURIComponent(c.productBatchNumber)}&complaint=${c.documentId}`} data-testid="complaint-find-batch">
                          {t('recall.findOthers', 'Find other clients with this batch')}
                        </Link>
                      </Box>
                    ) : null}
                  </Fact>
                  {c.resolutionTypes?.length ? (
                    <Fact label={t('desk.resolutionTypes', 'Resolution')}>
                      {c.resolutionTypes.map((x) => t(`resolution.${x}`, x)).join('、')}
                      {c.refundAmount ? ` · ${money(c.refundAmount)}` : ''}
                      {c.resolutionNotes ? ` · ${c.resolutionNotes}` : ''}
                    </Fact>
                  ) : null}
                </Grid.Item>
              </Grid.Root>
            </Box>
            <Box background="neutral0" padding={6} marginTop={6} shadow="filterShadow" hasRadius>
              <Typography variant="delta" tag="h2">
                {t('desk.nextSteps', 'Next step')}
              </Typography>
              <Box paddingTop={4}>
                <ComplaintActions documentId={c.documentId} next={c.next} open={c.open} paused={Boolean(c.pausedSince)} refundApprovalThreshold={c.refundApprovalThreshold} onDone={reload} />
              </Box>
            </Box>
            <Box background="neutral0" padding={6} marginTop={6} shadow="filterShadow" hasRadius>
              <Typography variant="delta" tag="h2">
                {t('handoff.title', 'Hand-offs between departments')}
              </Typography>
              <Box paddingTop={4}>
                <ComplaintHandoffs documentId={c.documentId} onDone={reload} />
              </Box>
            </Box>
          </Grid.Item>
          <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Fact label={t('desk.assignee', 'Handled by')}>{c.assignee ? `${c.assignee.fullName} · ${t(`department.${c.assignee.department}`, c.assignee.department)}` : '—'}</Fact>
              <Fact label={t('desk.receivedAt', 'Received')}>{when(c.receivedAt)}</Fact>
              <Fact label={t('desk.firstResponseDue', 'First response due')}>{c.firstRespondedAt ? `✓ ${when(c.firstRespondedAt)}` : when(c.firstResponseDueAt)}</Fact>
              <Fact label={t('complaints.resolutionDue', 'Resolution due')}>{when(c.resolutionDueAt)}</Fact>
              {c.closedAt ? <Fact label={t('desk.closedAt', 'Closed')}>{when(c.closedAt)}</Fact> : null}
            </Box>
            <Box background="neutral0" padding={6} marginTop={6} shadow="filterShadow" hasRadius>
              <Typography variant="delta" tag="h2">
                {t('desk.timeline', 'Timeline')}
              </Typography>
              <Box tag="ol" paddingTop={3} data-testid="complaint-timeline">
                {c.events.map((e, i) => (
                  <Box tag="li" key={i} paddingBottom={3}>
                    <Typography variant="pi" textColor="neutral600">
                      {when(e.occurredAt)} · {e.actor ?? ''}
                    </Typography>
                    <Typography tag="div">
                      {t(`event.${e.type}`, e.type)}
                      {e.toStatus && e.type === 'status_changed' ? `：${t(`complaint.status.${e.toStatus}`, e.toStatus)}` : ''}
                      {e.note ? ` — ${e.note}` : ''}
                    </Typography>
                  </Box>
                ))}
              </Box>
            </Box>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
};
