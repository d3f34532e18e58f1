import { useState } from 'react';
import { Layouts, Page, BackButton, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { usePluginPermissions } from '../utils/permissions';
import { Badge, Box, Button, Field, Flex, Searchbar, Table, TextInput, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime, useT } from '../utils/i18n';
import { errorMessage, useApi } from '../utils/useApi';

const CLIENT_UID = 'plugin::clinic-crm.client';
const KIND_COLOUR: Record<string, string> = { consent: 'secondary', treatment: 'primary', follow_up: 'success', complaint: 'danger', complaint_event: 'warning' };

interface Item {
  at: string | null;
  kind: string;
  uid: string;
  documentId: string;
  title: string;
  status?: string | null;
  detail?: Record<string, any>;
}

const ClientSearch = () => {
  const { t } = useT();
  const [q, setQ] = useState('');
  const { data } = useApi<any>(`/content-manager/collection-types/${CLIENT_UID}?page=1&pageSize=20&sort=updatedAt:DESC${q ? `&_q=${encodeURIComponent(q)}` : ''}`);
  const results = data?.results ?? [];
  return (
    <Page.Main>
      <Page.Title>{t('timeline.title', 'Client timeline')}</Page.Title>
      <Layouts.Header title={t('timeline.title', 'Client timeline')} subtitle={t('timeline.pick', 'Find a client by name, number or phone.')} />
      <Layouts.Content>
        <Box paddingBottom={4} width="420px">
          <Searchbar name="q" value={q} onChange={(e: any) => setQ(e.target.value)} onClear={() => setQ('')} clearLabel={t('common.clear', 'Clear')}>
            {t('timeline.search', 'Search clients')}
          </Searchbar>
        </Box>
        <Table colCount={3} rowCount={results.length + 1}>
          <Thead>
            <Tr>
              <Th>{t('timeline.clientNumber', 'Client no.')}</Th>
              <Th>{t('timeline.name', 'Name')}</Th>
              <Th>{t('timeline.phone', 'Phone')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {results.map((c: any) => (
              <Tr key={c.documentId}>
                <Td>
                  <Link to={c.documentId}>{c.clientNumber}</Link>
                </Td>
                <Td>
                  <Link to={c.documentId}>{c.fullName}</Link>
                </Td>
                <Td>{c.phone}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Layouts.Content>
    </Page.Main>
  );
};

const detailText = (item: Item, t: ReturnType<typeof useT>['t']) => {
  const d = item.detail ?? {};
  switch (item.kind) {
    case 'consent':
      return [d.treatment, d.signerName && `${t('timeline.signedBy', 'signed by')} ${d.signerName}`, d.witness && `${t('timeline.witness', 'witness')} ${d.witness}`].filter(Boolean).join(' · ');
    case 'treatment':
      return [d.recordNumber, d.practitioner, d.total != null && `${d.currency ?? ''} ${d.total}`, d.notes, d.contraindicationOverride && t('timeline.override', 'contraindication override by a doctor')].filter(Boolean).join(' · ');
    case 'follow_up':
      return [d.recordNumber, d.assignee, d.outcome && t(`outcome.${d.outcome}`, d.outcome), d.outcomeNotes].filter(Boolean).join(' · ');
    case 'complaint':
      return [t(`complaint.category.${d.category}`, d.category), d.assignee, d.breached && t('sla.breached', 'SLA breached')].filter(Boolean).join(' · ');
    default:
      return [d.from && `${t(`complaint.status.${d.from}`, d.from)} →`, d.actor].filter(Boolean).join(' ');
  }
};

/** GDPR / PDPA: export everything as JSON, or erase on request (managers). */
const PersonalData = ({ client, onErased }: { client: any; onErased: () => void }) => {
  const { t } = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const mayGdpr = usePluginPermissions().can('clients.gdpr');
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [open, setOpen] = useState(false);
  if (!mayGdpr) return null;
  const exportAll = async () => {
    try {
      const res: any = await get(`/clinic-crm/clients/${client.documentId}/export`);
      const url = URL.createObjectURL(new Blob([JSON.stringify(res.data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `client-${client.clientNumber}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  const erase = async () => {
    try {
      const res: any = await post(`/clinic-crm/clients/${client.documentId}/erase`, { reason, confirm });
      toggleNotification({ type: 'success', message: t('gdpr.erased', 'Erased; medical records kept until {date}', { date: res.data.data.medicalRecordsRetainedUntil ?? '—' }) });
      setOpen(false);
      onErased();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  return (
    <Box paddingTop={6}>
      <Box background="neutral0" hasRadius shadow="tableShadow" padding={5}>
        <Typography variant="delta" tag="h2">
          {t('gdpr.title', 'Personal data (GDPR / PDPA)')}
        </Typography>
        <Typography tag="p" variant="pi" textColor="neutral600">
          {t('gdpr.help', 'Name, contact details and birth date are removed at once; health history, treatment records and signed consents are kept under the client number for the legal retention period, then removed.')}
        </Typography>
        <Flex gap={3} paddingTop={3}>
          <Button variant="secondary" onClick={exportAll}>
            {t('gdpr.export', 'Export all data (JSON)')}
          </Button>
          {client.erasedAt ? null : (
            <Button variant="danger-light" onClick={() => setOpen(!open)}>
              {t('gdpr.erase', 'Erase on request')}
            </Button>
          )}
        </Flex>
        {open ? (
          <Flex gap={3} paddingTop={3} alignItems="flex-end">
            <Field.Root name="reason">
              <Field.Label>{t('gdpr.reason', 'Reason (who asked, when, how)')}</Field.Label>
              <TextInput value={reason} onChange={(e: any) => setReason(e.target.value)} />
            </Field.Root>
            <Field.Root name="confirm">
              <Field.Label>{t('gdpr.confirm', 'Type the client number to confirm')}</Field.Label>
              <TextInput value={confirm} onChange={(e: any) => setConfirm(e.target.value)} />
            </Field.Root>
            <Button variant="danger" disabled={confirm !== client.clientNumber} onClick={erase}>
              {t('gdpr.erase', 'Erase on request')}
            </Button>
          </Flex>
        ) : null}
      </Box>
    </Box>
  );
};

export const TimelinePage = () => {
  const { documentId } = useParams();
  const { t, locale } = useT();
  const { data, error, loading, reload } = useApi<{ client: any; items: Item[]; hidden: string[] }>(documentId ? `/clinic-crm/clients/${documentId}/timeline` : null);
  if (!documentId) return <ClientSearch />;
  if (loading && !data) return <Page.Loading />;
  if (error || !data) return <Page.Error />;
  const c = data.client;
  return (
    <Page.Main>
      <Page.Title>{`${c.fullName} · ${t('timeline.title', 'Client timeline')}`}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback=".." />}
        title={`${c.fullName} (${c.clientNumber})`}
        subtitle={[c.phone, c.email, c.firstContactStaff?.fullName && `${t('timeline.firstContact', 'first contact')}: ${c.firstContactStaff.fullName}`].filter(Boolean).join(' · ')}
      />
      <Layouts.Content>
        {c.aestheticGoals ? (
          <Box paddingBottom={4}>
            <Typography variant="sigma">{t('timeline.goals', 'Aesthetic goals')}</Typography>
            <Typography tag="p">{c.aestheticGoals}</Typography>
          </Box>
        ) : null}
        {c.allergies !== undefined ? (
          <Box paddingBottom={4} background="danger100" padding={3} hasRadius>
            <Typography variant="sigma">{t('timeline.health', 'Health history')}</Typography>
            <Typography tag="p">
              {t('timeline.allergies', 'Allergies')}: {c.allergies || '—'} · {t('timeline.medications', 'Medications')}: {c.medications || '—'} · {t('timeline.pregnancy', 'Pregnancy')}: {c.pregnancyStatus || '—'}
            </Typography>
          </Box>
        ) : null}
        {data.items.length === 0 ? <Typography textColor="neutral600">{t('timeline.empty', 'Nothing recorded yet.')}</Typography> : null}
        <Flex direction="column" alignItems="stretch" gap={0} data-testid="timeline">
          {data.items.map((item, i) => (
            <Flex key={`${item.kind}-${item.documentId}-${i}`} gap={4} paddingTop={3} paddingBottom={3} style={{ borderLeft: '3px solid #dcdce4', paddingLeft: 16 }}>
              <Box width="170px">
                <Typography variant="pi" textColor="neutral600">
                  {formatDateTime(item.at, locale)}
                </Typography>
              </Box>
              <Badge backgroundColor={`${KIND_COLOUR[item.kind] ?? 'neutral'}100`} textColor={`${KIND_COLOUR[item.kind] ?? 'neutral'}700`}>
                {t(`timeline.kind.${item.kind}`, item.kind)}
              </Badge>
              <Box grow={1}>
                <Link to={`/content-manager/collection-types/${item.uid}/${item.documentId}`}>
                  <Typography fontWeight="bold">{item.title}</Typography>
                </Link>
                {item.status ? <Typography variant="pi"> · {t(`status.${item.status}`, t(`complaint.status.${item.status}`, item.status))}</Typography> : null}
                <Typography tag="p" variant="pi" textColor="neutral700">
                  {detailText(item, t)}
                </Typography>
              </Box>
            </Flex>
          ))}
        </Flex>
        <PersonalData client={c} onErased={reload} />
        {data.hidden.length ? (
          <Box paddingTop={4}>
            <Typography variant="pi" textColor="neutral500">
              {t('timeline.hidden', 'Some records are not shown to your role.')}
            </Typography>
          </Box>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
};
