import { useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useT } from '../utils/i18n';
import { errorMessage, useApi } from '../utils/useApi';

interface Channel {
  documentId: string;
  name: string;
  url: string;
  scope: 'staff' | 'department';
  department: string | null;
  enabled: boolean;
  kinds: 'all' | 'urgent';
  secretHint: string | null;
  staffMember?: { fullName: string } | null;
}

/**
 * The webhook channels under the Outbox (managers): who each one is for, and its signing secret —
 * shown only on request (reveal) or when a new one is made (rotate); channels are edited in the Content Manager.
 */
export const WebhookChannels = () => {
  const { t } = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { data, reload } = useApi<Channel[]>('/clinic-crm/webhook-channels');
  const [shown, setShown] = useState<Record<string, string>>({});
  const secret = async (c: Channel, action: 'reveal' | 'rotate') => {
    if (action === 'rotate' && !window.confirm(t('webhooks.rotateConfirm', 'Make a new secret? The receiver must be given it: the old one stops verifying at once.'))) return;
    try {
      const res = await post(`/clinic-crm/webhook-channels/${c.documentId}/secret/${action}`, {});
      setShown((s) => ({ ...s, [c.documentId]: (res.data as { data: { signingSecret: string } }).data.signingSecret }));
      if (action === 'rotate') reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  if (!data || data.length === 0) return null;
  return (
    <Box paddingTop={8}>
      <Typography variant="delta" tag="h2">{t('webhooks.title', 'Webhook channels')}</Typography>
      <Box paddingBottom={2}>
        <Typography variant="pi" textColor="neutral600">{t('webhooks.subtitle', 'Signed JSON POSTs to LINE/Slack/Teams bridges. Edit channels in the Content Manager; the secret is shown here on request.')}</Typography>
      </Box>
      <Table colCount={5} rowCount={data.length + 1}>
        <Thead>
          <Tr>
            <Th>{t('webhooks.name', 'Name')}</Th>
            <Th>{t('webhooks.for', 'For')}</Th>
            <Th>{t('webhooks.kinds', 'Notices')}</Th>
            <Th>{t('webhooks.secret', 'Signing secret')}</Th>
            <Th> </Th>
          </Tr>
        </Thead>
        <Tbody>
          {data.map((c) => (
            <Tr key={c.documentId}>
              <Td>
                <Typography>{c.name}</Typography> {c.enabled ? null : <Badge>{t('webhooks.disabled', 'Off')}</Badge>}
                <Typography variant="pi" textColor="neutral500" ellipsis title={c.url}>{c.url}</Typography>
              </Td>
              <Td>
                <Typography variant="pi">{c.scope === 'department' ? t(`outbox.department.${c.department}`, c.department ?? '—') : (c.staffMember?.fullName ?? '—')}</Typography>
              </Td>
              <Td>
                <Typography variant="pi">{t(`webhooks.kinds.${c.kinds}`, c.kinds)}</Typography>
              </Td>
              <Td>
                <Typography variant="pi" fontWeight={shown[c.documentId] ? 'bold' : undefined}>{shown[c.documentId] ?? c.secretHint ?? '—'}</Typography>
              </Td>
              <Td>
                <Flex gap={2}>
                  <Button size="S" variant="tertiary" onClick={() => secret(c, 'reveal')}>{t('webhooks.reveal', 'Reveal')}</Button>
                  <Button size="S" variant="danger-light" onClick={() => secret(c, 'rotate')}>{t('webhooks.rotate', 'Rotate')}</Button>
                </Flex>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Box>
  );
};
