import { useState } from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Table, TextInput, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { formatDateTime, useT } from '../utils/i18n';
import { useApi } from '../utils/useApi';
import { Pager } from '../components/Pager';

const ACTIONS = ['', 'create', 'update', 'delete', 'publish', 'unpublish', 'read_health', 'export', 'erase'];
const TYPES = ['', 'client', 'consent-record', 'treatment-record', 'complaint', 'treatment', 'sop-document'];

interface Row {
  id: number;
  occurredAt: string;
  actor: string;
  actorType: string;
  action: string;
  targetType: string;
  targetDocumentId: string | null;
  targetLabel: string | null;
  fields: string[];
  ip: string | null;
}

/** The append-only audit trail, filtered by who, what, which record and when. Read-only by design. */
export const AuditPage = () => {
  const { t, locale } = useT();
  const [draft, setDraft] = useState({ actor: '', action: '', targetType: '', documentId: '', from: '', to: '' });
  const [filters, setFilters] = useState(draft);
  const [page, setPage] = useState(1);
  const qs = new URLSearchParams({ page: String(page), pageSize: '50', ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) });
  const { data, error } = useApi<{ results: Row[]; pagination: { total: number; pageCount: number } }>(`/clinic-crm/audit?${qs}`);
  const set = (k: keyof typeof draft) => (v: string) => setDraft({ ...draft, [k]: v });
  return (
    <Page.Main>
      <Page.Title>{t('audit.title', 'Audit trail')}</Page.Title>
      <Layouts.Header title={t('audit.title', 'Audit trail')} subtitle={t('audit.subtitle', 'Who read health data or changed clients, consents, records, complaints, prices and SOPs. Field names only, never values. Nobody can edit or delete it.')} />
      <Layouts.Content>
        <Flex gap={3} wrap="wrap" alignItems="flex-end" paddingBottom={4}>
          <Field.Root name="actor">
            <Field.Label>{t('audit.actor', 'Who (e-mail)')}</Field.Label>
            <TextInput value={draft.actor} onChange={(e: any) => set('actor')(e.target.value)} />
          </Field.Root>
          <Box width="180px">
            <Field.Root name="action">
              <Field.Label>{t('audit.action', 'Action')}</Field.Label>
              <SingleSelect value={draft.action} onChange={(v: any) => set('action')(String(v))}>
                {ACTIONS.map((a) => (
                  <SingleSelectOption key={a || 'all'} value={a}>
                    {a ? t(`audit.action.${a}`, a) : t('audit.all', 'All')}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
          <Box width="200px">
            <Field.Root name="targetType">
              <Field.Label>{t('audit.targetType', 'Record type')}</Field.Label>
              <SingleSelect value={draft.targetType} onChange={(v: any) => set('targetType')(String(v))}>
                {TYPES.map((a) => (
                  <SingleSelectOption key={a || 'all'} value={a}>
                    {a || t('audit.all', 'All')}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
          <Field.Root name="documentId">
            <Field.Label>{t('audit.documentId', 'Record id')}</Field.Label>
            <TextInput value={draft.documentId} onChange={(e: any) => set('documentId')(e.target.value)} />
          </Field.Root>
          <Field.Root name="from">
            <Field.Label>{t('audit.from', 'From')}</Field.Label>
            <TextInput type="date" value={draft.from} onChange={(e: any) => set('from')(e.target.value)} />
          </Field.Root>
          <Field.Root name="to">
            <Field.Label>{t('audit.to', 'Before')}</Field.Label>
            <TextInput type="date" value={draft.to} onChange={(e: any) => set('to')(e.target.value)} />
          </Field.Root>
          <Button onClick={() => { setFilters(draft); setPage(1); }}>{t('audit.apply', 'Filter')}</Button>
        </Flex>
        {error ? <Typography textColor="danger600">{error}</Typography> : null}
        <Typography variant="pi" textColor="neutral600">
          {data ? t('audit.total', '{n} events', { n: data.pagination.total }) : ''}
        </Typography>
        <Table colCount={6} rowCount={(data?.results.length ?? 0) + 1}>
          <Thead>
            <Tr>
              <Th>{t('audit.when', 'When')}</Th>
              <Th>{t('audit.actor', 'Who (e-mail)')}</Th>
              <Th>{t('audit.action', 'Action')}</Th>
              <Th>{t('audit.target', 'Record')}</Th>
              <Th>{t('audit.fields', 'Fields')}</Th>
              <Th>IP</Th>
            </Tr>
          </Thead>
          <Tbody>
            {data?.results.map((r) => (
              <Tr key={r.id}>
                <Td>{formatDateTime(r.occurredAt, locale)}</Td>
                <Td>
                  {r.actor} <Typography variant="pi" textColor="neutral500">({r.actorType})</Typography>
                </Td>
                <Td>{t(`audit.action.${r.action}`, r.action)}</Td>
                <Td>
                  {r.targetType.replace('plugin::clinic-crm.', '')} {r.targetLabel ?? r.targetDocumentId ?? ''}
                </Td>
                <Td>
                  <Typography variant="pi">{(r.fields ?? []).join(', ')}</Typography>
                </Td>
                <Td>{r.ip ?? ''}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        <Pager page={page} pageCount={data?.pagination.pageCount} onPage={setPage} />
      </Layouts.Content>
    </Page.Main>
  );
};
