import { useState } from 'react';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { formatDateTime, useT } from '../utils/i18n';
import { errorMessage, useApi } from '../utils/useApi';
import { Pager } from '../components/Pager';
import { WebhookChannels } from '../components/WebhookChannels';

const CHANNELS = ['', 'email', 'webhook'];

const STATUSES = ['', 'pending', 'sending', 'sent', 'failed', 'cancelled'];
const TONE: Record<string, any> = { sent: 'success', failed: 'danger', pending: 'secondary', sending: 'warning', cancelled: 'neutral' };

interface Row {
  documentId: string;
  idempotencyKey: string;
  recipientEmail: string | null;
  channel?: 'email' | 'webhook' | null;
  webhookChannel?: { name: string; scope: string; department?: string | null } | null;
  template: string;
  deliveryStatus: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  cancelReason?: string | null;
}

export const OutboxPage = () => {
  const { t, locale } = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<{ results: Row[]; pagination: { page: number; pageCount: number; total: number } }>(
    `/clinic-crm/outbox?page=${page}&pageSize=25${status ? `&status=${status}` : ''}${channel ? `&channel=${channel}` : ''}`
  );
  const retry = async (id: string) => {
    try {
      await post(`/clinic-crm/outbox/${id}/retry`, {});
      toggleNotification({ type: 'success', message: t('outbox.retried', 'Queued again') });
      reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  if (error) return <Page.Error />;
  return (
    <Page.Main>
      <Page.Title>{t('outbox.title', 'Outbox')}</Page.Title>
      <Layouts.Header
        title={t('outbox.title', 'Outbox')}
        subtitle={t('outbox.subtitle', 'Every e-mail and webhook the CRM sends, with its attempts and last error. A failed one can be queued again.')}
        primaryAction={<Button variant="secondary" onClick={reload}>{t('common.refresh', 'Refresh')}</Button>}
      />
      <Layouts.Content>
        <Flex gap={4} paddingBottom={4} alignItems="flex-end">
          <Box width="240px">
            <SingleSelect aria-label={t('outbox.status', 'Status')} value={status} onChange={(v: any) => { setStatus(String(v)); setPage(1); }}>
              {STATUSES.map((s) => (
                <SingleSelectOption key={s || 'all'} value={s}>
                  {s ? t(`outbox.status.${s}`, s) : t('outbox.all', 'All statuses')}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Box width="200px">
            <SingleSelect aria-label={t('outbox.channel', 'Channel')} value={channel} onChange={(v: any) => { setChannel(String(v)); setPage(1); }}>
              {CHANNELS.map((c) => (
                <SingleSelectOption key={c || 'all'} value={c}>
                  {c ? t(`outbox.channel.${c}`, c) : t('outbox.allChannels', 'All channels')}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Typography textColor="neutral600">{data ? t('outbox.total', '{n} notifications', { n: data.pagination.total }) : ''}</Typography>
        </Flex>
        {loading && !data ? (
          <Page.Loading />
        ) : (
          <Table colCount={7} rowCount={(data?.results.length ?? 0) + 1}>
            <Thead>
              <Tr>
                <Th>{t('outbox.channel', 'Channel')}</Th>
                <Th>{t('outbox.recipient', 'Recipient')}</Th>
                <Th>{t('outbox.template', 'Template')}</Th>
                <Th>{t('outbox.status', 'Status')}</Th>
                <Th>{t('outbox.attempts', 'Attempts')}</Th>
                <Th>{t('outbox.lastError', 'Last error')}</Th>
                <Th> </Th>
              </Tr>
            </Thead>
            <Tbody>
              {data?.results.map((r) => (
                <Tr key={r.documentId}>
                  <Td>
                    <Typography variant="pi">
                      {r.channel === 'webhook' ? `${t('outbox.channel.webhook', 'Webhook')} · ${r.webhookChannel?.name ?? '—'}` : t('outbox.channel.email', 'E-mail')}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography>{r.recipientEmail ?? (r.webhookChannel?.department ? t(`outbox.department.${r.webhookChannel.department}`, r.webhookChannel.department) : '—')}</Typography>
                  </Td>
                  <Td>
                    <Typography variant="pi">{r.template}</Typography>
                  </Td>
                  <Td>
                    <Badge backgroundColor={`${TONE[r.deliveryStatus] ?? 'neutral'}100`} textColor={`${TONE[r.deliveryStatus] ?? 'neutral'}700`}>
                      {t(`outbox.status.${r.deliveryStatus}`, r.deliveryStatus)}
                    </Badge>
                    <Typography variant="pi" textColor="neutral500">
                      {' '}
                      {r.sentAt ? formatDateTime(r.sentAt, locale) : formatDateTime(r.nextAttemptAt, locale)}
                    </Typography>
                  </Td>
                  <Td>{r.attempts}</Td>
                  <Td>
                    {/* a withdrawn message (e.g. the client's erasure) says why instead of an error */}
                    <Typography variant="pi" textColor={r.cancelReason ? 'neutral600' : 'danger600'} ellipsis title={r.cancelReason ?? r.lastError ?? ''}>
                      {r.cancelReason ?? r.lastError ?? ''}
                    </Typography>
                  </Td>
                  <Td>
                    {r.deliveryStatus === 'failed' ? (
                      <Button size="S" variant="secondary" onClick={() => retry(r.documentId)}>
                        {t('outbox.retry', 'Retry')}
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        <Pager page={page} pageCount={data?.pagination.pageCount} onPage={setPage} />
        <WebhookChannels />
      </Layouts.Content>
    </Page.Main>
  );
};
