import { useEffect, useState } from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDateTime, useT } from '../../utils/i18n';
import { errorMessage, fieldErrorsOf, useApi } from '../../utils/useApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';

interface Match {
  documentId: string;
  recordNumber: string | null;
  performedAt: string;
  treatment: string;
  batchNumbers: string[];
  client: { documentId: string; clientNumber: string | null; fullName: string | null; phone: string | null } | null;
  practitioner: { fullName: string; department: string } | null;
}
interface Search {
  batch: string;
  batchKey: string;
  records: Match[];
  clients: number;
}
interface RecallSummary {
  documentId: string;
  referenceNumber: string;
  batchNumber: string;
  reason: string;
  openedAt: string;
  openedBy: { fullName: string | null } | null;
  complaint: { documentId: string; referenceNumber: string | null } | null;
  recordsMatched: number;
  clientsMatched: number;
  tasksOpened: number;
}
interface RecallDetail extends RecallSummary {
  tasks: Array<{ documentId: string; created: boolean; client: { fullName: string | null; clientNumber: string | null }; assignee: { fullName: string; department: string } | null; taskStatus: string | null; dueAt: string | null }>;
}

/**
 * 批號召回: type a batch number (or arrive from a complaint with it filled in), see every treatment
 * record that used it with client, treatment, date and practitioner; write the reason and run the
 * recall: one check-up task per client, e-mailed to whoever calls them; then the tasks opened, and
 * the past recalls. Managers and doctors (`recalls.manage`).
 */
export const BatchRecallPage = () => {
  const { t, locale } = useT();
  const { get, post } = useFetchClient();
  const [params] = useSearchParams();
  const complaint = params.get('complaint');
  const [batch, setBatch] = useState(params.get('batch') ?? '');
  const [reason, setReason] = useState('');
  const [found, setFound] = useState<Search | null>(null);
  const [done, setDone] = useState<RecallDetail | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const past = useApi<RecallSummary[]>('/clinic-crm/recalls');
  const when = (v: string | null) => formatDateTime(v, locale);

  const search = async (typed = batch) => {
    setErrors({});
    setFailure(null);
    setDone(null);
    setFound(null);
    setBusy(true);
    try {
      const res: any = await get(`/clinic-crm/recalls/search?batch=${encodeURIComponent(typed)}`);
      setFound(res.data.data);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setErrors({ batchNumber: fields.batch ?? '' });
      if (!fields.batch) setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  // arriving from a complaint: its batch is searched at once
  useEffect(() => {
    if (params.get('batch')) void search(params.get('batch') ?? '');
  }, []);

  const run = async () => {
    if (!found) return;
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      const res: any = await post('/clinic-crm/recalls', { batchNumber: found.batch, reason, ...(complaint ? { complaint } : {}) });
      setDone(res.data.data);
      past.reload();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('recall.title', 'Batch recall')}</Page.Title>
      <Layouts.Header title={t('recall.title', 'Batch recall')} subtitle={t('recall.subtitle', 'Every client treated with a product batch, and one check-up call for each.')} />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void search();
            }}
          >
            <Flex gap={4} alignItems="flex-end">
              <Box style={{ flex: 1 }}>
                <TextField name="batchNumber" label={t('recall.batch', 'Product batch number')} hint={t('recall.batchHint', 'Full-width, lower case and spaces are read as the same batch')} value={batch} onChange={setBatch} error={errors.batchNumber || undefined} required />
              </Box>
              <Button type="submit" loading={busy && !found} disabled={busy}>
                {t('recall.search', 'Find the clients')}
              </Button>
            </Flex>
          </form>
          {complaint ? (
            <Box paddingTop={2}>
              <Link to={`../complaints/${complaint}`}>{t('recall.fromComplaint', 'Back to the complaint')}</Link>
            </Box>
          ) : null}
          {failure ? (
            <Box paddingTop={4}>
              <ErrorAlert message={failure} onClose={() => setFailure(null)} testId="recall-error" />
            </Box>
          ) : null}
        </Box>

        {found ? (
          <Box background="neutral0" padding={6} marginTop={6} shadow="filterShadow" hasRadius data-testid="recall-matches" data-count={found.records.length}>
            <Typography variant="delta" tag="h2">
              {t('recall.matches', '{records} treatment records · {clients} clients', { records: found.records.length, clients: found.clients })}
            </Typography>
            {found.records.length === 0 ? (
              <Box paddingTop={4}>
                <Typography textColor="neutral600">{t('recall.none', 'No treatment record used this batch.')}</Typography>
              </Box>
            ) : (
              <Box paddingTop={4}>
                <Table colCount={5} rowCount={found.records.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>{t('recall.client', 'Client')}</Th>
                      <Th>{t('recall.treatment', 'Treatment')}</Th>
                      <Th>{t('recall.performedAt', 'Date')}</Th>
                      <Th>{t('recall.practitioner', 'Practitioner')}</Th>
                      <Th>{t('recall.record', 'Record · batch numbers')}</Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {found.records.map((r) => (
                      <Tr key={r.documentId} data-testid={`recall-record-${r.recordNumber}`}>
                        <Td>{r.client ? <Link to={`../timeline/${r.client.documentId}`}>{`${r.client.fullName ?? '—'}（${r.client.clientNumber ?? '—'}）`}</Link> : '—'}</Td>
                        <Td>{r.treatment || '—'}</Td>
                        <Td>{when(r.performedAt)}</Td>
                        <Td>{r.practitioner ? `${r.practitioner.fullName} · ${t(`department.${r.practitioner.department}`, r.practitioner.department)}` : '—'}</Td>
                        <Td>{`${r.recordNumber ?? '—'} · ${r.batchNumbers.join('、')}`}</Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
                {!done ? (
                  <Box paddingTop={6}>
                    <Field.Root name="reason" error={errors.reason} required hint={t('recall.reasonHint', 'Written into every check-up task and e-mail')}>
                      <Field.Label>{t('recall.reason', 'Reason for the recall')}</Field.Label>
                      <Textarea value={reason} onChange={(e: any) => setReason(e.target.value)} />
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                    {errors.openedBy || errors.batchNumber ? (
                      <Box paddingTop={2}>
                        <ErrorAlert message={errors.openedBy || errors.batchNumber} onClose={() => setErrors({})} />
                      </Box>
                    ) : null}
                    <Box paddingTop={4}>
                      <Button onClick={run} loading={busy} disabled={busy}>
                        {t('recall.run', 'Open a check-up task for each client ({clients})', { clients: found.clients })}
                      </Button>
                    </Box>
                  </Box>
                ) : null}
              </Box>
            )}
          </Box>
        ) : null}

        {done ? (
          <Box background="neutral0" padding={6} marginTop={6} shadow="filterShadow" hasRadius data-testid="recall-done">
            <Typography variant="delta" tag="h2">
              {t('recall.done', '{reference}: {opened} check-up tasks opened', { reference: done.referenceNumber, opened: done.tasksOpened })}
            </Typography>
            <Box paddingTop={4}>
              <Table colCount={4} rowCount={done.tasks.length + 1}>
                <Thead>
                  <Tr>
                    <Th>{t('recall.client', 'Client')}</Th>
                    <Th>{t('recall.assignee', 'Who calls')}</Th>
                    <Th>{t('recall.due', 'Due')}</Th>
                    <Th>{t('recall.taskStatus', 'Task')}</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {done.tasks.map((task) => (
                    <Tr key={task.documentId} data-testid="recall-task">
                      <Td>{`${task.client.fullName ?? '—'}（${task.client.clientNumber ?? '—'}）`}</Td>
                      <Td>{task.assignee ? `${task.assignee.fullName} · ${t(`department.${task.assignee.department}`, task.assignee.department)}` : t('recall.unassigned', 'Unassigned')}</Td>
                      <Td>{when(task.dueAt)}</Td>
                      <Td>
                        <Badge>{task.created ? t('recall.opened', 'Opened now') : t('recall.alreadyOpen', 'Opened by an earlier recall')}</Badge>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
          </Box>
        ) : null}

        <Box background="neutral0" padding={6} marginTop={6} shadow="filterShadow" hasRadius>
          <Typography variant="delta" tag="h2">
            {t('recall.past', 'Past recalls')}
          </Typography>
          <Box paddingTop={4} data-testid="recall-past">
            {past.data && past.data.length > 0 ? (
              <Table colCount={5} rowCount={past.data.length + 1}>
                <Thead>
                  <Tr>
                    <Th>{t('recall.reference', 'Reference')}</Th>
                    <Th>{t('recall.batch', 'Product batch number')}</Th>
                    <Th>{t('recall.reason', 'Reason for the recall')}</Th>
                    <Th>{t('recall.openedBy', 'Opened by')}</Th>
                    <Th>{t('recall.counts', 'Records · clients · tasks opened')}</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {past.data.map((r) => (
                    <Tr key={r.documentId} data-testid={`recall-${r.referenceNumber}`}>
                      <Td>
                        {r.referenceNumber}
                        <Typography tag="p" variant="pi" textColor="neutral600">
                          {when(r.openedAt)}
                          {r.complaint ? ` · ${r.complaint.referenceNumber}` : ''}
                        </Typography>
                      </Td>
                      <Td>{r.batchNumber}</Td>
                      <Td>{r.reason}</Td>
                      <Td>{r.openedBy?.fullName ?? '—'}</Td>
                      <Td>{`${r.recordsMatched} · ${r.clientsMatched} · ${r.tasksOpened}`}</Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            ) : (
              <Typography textColor="neutral600">{past.error ?? t('recall.noPast', 'No recall has been run yet.')}</Typography>
            )}
          </Box>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};
