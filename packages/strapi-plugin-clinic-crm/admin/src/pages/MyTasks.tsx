import { useState } from 'react';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { formatDateTime, useT } from '../utils/i18n';
import { errorMessage, useApi } from '../utils/useApi';

const OUTCOMES = ['normal_recovery', 'needs_visit', 'complication'];

interface Work {
  staff: { fullName: string; department: string } | null;
  tasks: Array<{ documentId: string; step: string; purpose: string; channel: string; dueAt: string; overdue: boolean; recordNumber: string | null; client: { documentId: string; clientNumber: string; fullName: string; phone: string } | null }>;
  equipment: Array<{ documentId: string; name: string; serialNumber: string; location: string | null; nextMaintenanceDue: string; overdue: boolean }>;
  complaints: Array<{ documentId: string; referenceNumber: string; category: string; severity: string; workflowStatus: string; resolutionDueAt: string; breached: boolean; contactName: string; next: string[] }>;
}

const TaskRow = ({ task, onDone }: { task: Work['tasks'][number]; onDone: () => void }) => {
  const { t, locale } = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<string>('normal_recovery');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const complete = async () => {
    setBusy(true);
    try {
      await post(`/clinic-crm/follow-up-tasks/${task.documentId}/complete`, { outcome, notes });
      toggleNotification({ type: 'success', message: t('tasks.completed', 'Task completed') });
      onDone();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Tr data-testid={`task-${task.documentId}`}>
        <Td>
          <Typography textColor={task.overdue ? 'danger600' : 'neutral800'}>{formatDateTime(task.dueAt, locale)}</Typography>
        </Td>
        <Td>
          <Typography fontWeight="bold">{task.step}</Typography> <Typography variant="pi">{task.purpose}</Typography>
        </Td>
        <Td>
          {task.client ? (
            <Link to={`../timeline/${task.client.documentId}`}>
              {task.client.fullName} ({task.client.clientNumber}) · {task.client.phone}
            </Link>
          ) : (
            '—'
          )}
        </Td>
        <Td>{task.overdue ? <Badge active>{t('tasks.overdue', 'Overdue')}</Badge> : null}</Td>
        <Td>
          <Button size="S" variant={open ? 'tertiary' : 'secondary'} onClick={() => setOpen(!open)}>
            {open ? t('common.cancel', 'Cancel') : t('tasks.complete', 'Complete')}
          </Button>
        </Td>
      </Tr>
      {open ? (
        <Tr>
          <Td colSpan={5}>
            <Flex gap={4} alignItems="flex-end" padding={2}>
              <Field.Root name="outcome">
                <Field.Label>{t('tasks.outcome', 'Outcome')}</Field.Label>
                <SingleSelect value={outcome} onChange={(v: any) => setOutcome(String(v))}>
                  {OUTCOMES.map((o) => (
                    <SingleSelectOption key={o} value={o}>
                      {t(`outcome.${o}`, o)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Box grow={1}>
                <Field.Root name="notes" hint={outcome === 'complication' ? t('tasks.complicationHint', 'A complication opens a medical complaint for the doctor.') : undefined}>
                  <Field.Label>{t('tasks.notes', 'Notes')}</Field.Label>
                  <Textarea value={notes} onChange={(e: any) => setNotes(e.target.value)} maxLength={4000} />
                  <Field.Hint />
                </Field.Root>
              </Box>
              <Button loading={busy} onClick={complete}>
                {t('tasks.save', 'Save outcome')}
              </Button>
            </Flex>
          </Td>
        </Tr>
      ) : null}
    </>
  );
};

const ComplaintRow = ({ c, onDone }: { c: Work['complaints'][number]; onDone: () => void }) => {
  const { t, locale } = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // a proposed resolution needs its types and amounts: that one is made in the complaint's own page
  const simple = c.next.filter((n) => n !== 'resolution_proposed');
  const [to, setTo] = useState<string>(simple[0] ?? '');
  const [busy, setBusy] = useState(false);
  const move = async () => {
    setBusy(true);
    try {
      await post(`/clinic-crm/complaints/${c.documentId}/transition`, { to });
      toggleNotification({ type: 'success', message: t('complaints.moved', 'Status changed') });
      onDone();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tr data-testid={`complaint-${c.referenceNumber}`}>
      <Td>
        <Link to={`/content-manager/collection-types/plugin::clinic-crm.complaint/${c.documentId}`}>{c.referenceNumber}</Link>
      </Td>
      <Td>{t(`complaint.category.${c.category}`, c.category)}</Td>
      <Td>
        <Badge>{t(`complaint.status.${c.workflowStatus}`, c.workflowStatus)}</Badge>
      </Td>
      <Td>
        <Typography textColor={c.breached ? 'danger600' : 'neutral800'}>{formatDateTime(c.resolutionDueAt, locale)}</Typography>
      </Td>
      <Td>
        {simple.length ? (
          <Flex gap={2}>
            <SingleSelect size="S" aria-label={t('complaints.nextStatus', 'Next status')} value={to} onChange={(v: any) => setTo(String(v))}>
              {simple.map((n) => (
                <SingleSelectOption key={n} value={n}>
                  {t(`complaint.status.${n}`, n)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Button size="S" loading={busy} onClick={move}>
              {t('complaints.move', 'Move')}
            </Button>
          </Flex>
        ) : null}
      </Td>
    </Tr>
  );
};

export const MyTasksPage = () => {
  const { t } = useT();
  const { data, error, loading, reload } = useApi<Work>('/clinic-crm/my-work');
  if (loading && !data) return <Page.Loading />;
  if (error || !data) return <Page.Error />;
  return (
    <Page.Main>
      <Page.Title>{t('tasks.title', 'My tasks')}</Page.Title>
      <Layouts.Header
        title={t('tasks.title', 'My tasks')}
        subtitle={data.staff ? `${data.staff.fullName} · ${t(`department.${data.staff.department}`, data.staff.department)}` : t('tasks.noStaff', 'Your account is not linked to a staff record: ask a manager to link it (Staff member → Admin user).')}
      />
      <Layouts.Content>
        <Typography variant="delta" tag="h2">
          {t('tasks.followUps', 'Follow-up tasks')} ({data.tasks.length})
        </Typography>
        <Box paddingTop={3} paddingBottom={8}>
          {data.tasks.length === 0 ? (
            <Typography textColor="neutral600">{t('tasks.none', 'Nothing pending.')}</Typography>
          ) : (
            <Table colCount={5} rowCount={data.tasks.length + 1}>
              <Thead>
                <Tr>
                  <Th>{t('tasks.due', 'Due')}</Th>
                  <Th>{t('tasks.step', 'Step')}</Th>
                  <Th>{t('tasks.client', 'Client')}</Th>
                  <Th> </Th>
                  <Th> </Th>
                </Tr>
              </Thead>
              <Tbody>
                {data.tasks.map((task) => (
                  <TaskRow key={task.documentId} task={task} onDone={reload} />
                ))}
              </Tbody>
            </Table>
          )}
        </Box>
        {data.equipment.length ? (
          <>
            <Typography variant="delta" tag="h2">
              {t('tasks.equipment', 'Equipment maintenance due')} ({data.equipment.length})
            </Typography>
            <Box paddingTop={3} paddingBottom={8}>
              <Table colCount={4} rowCount={data.equipment.length + 1}>
                <Thead>
                  <Tr>
                    <Th>{t('tasks.due', 'Due')}</Th>
                    <Th>{t('tasks.device', 'Device')}</Th>
                    <Th>{t('tasks.location', 'Location')}</Th>
                    <Th> </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {data.equipment.map((d) => (
                    <Tr key={d.documentId} data-testid={`equipment-${d.serialNumber}`}>
                      <Td>
                        <Typography textColor={d.overdue ? 'danger600' : 'neutral800'}>{d.nextMaintenanceDue}</Typography>
                      </Td>
                      <Td>
                        <Link to={`/content-manager/collection-types/plugin::clinic-crm.equipment/${d.documentId}`}>
                          {d.name} ({d.serialNumber})
                        </Link>
                      </Td>
                      <Td>{d.location ?? ''}</Td>
                      <Td>
                        <Link to="/content-manager/collection-types/plugin::clinic-crm.equipment-log/create">{t('tasks.logMaintenance', 'Log the maintenance')}</Link>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
          </>
        ) : null}
        <Typography variant="delta" tag="h2">
          {t('tasks.complaints', 'Complaints assigned to me')} ({data.complaints.length})
        </Typography>
        <Box paddingTop={3}>
          {data.complaints.length === 0 ? (
            <Typography textColor="neutral600">{t('tasks.none', 'Nothing pending.')}</Typography>
          ) : (
            <Table colCount={5} rowCount={data.complaints.length + 1}>
              <Thead>
                <Tr>
                  <Th>{t('complaints.reference', 'Reference')}</Th>
                  <Th>{t('complaints.category', 'Category')}</Th>
                  <Th>{t('complaints.status', 'Status')}</Th>
                  <Th>{t('complaints.resolutionDue', 'Resolution due')}</Th>
                  <Th> </Th>
                </Tr>
              </Thead>
              <Tbody>
                {data.complaints.map((c) => (
                  <ComplaintRow key={c.documentId} c={c} onDone={reload} />
                ))}
              </Tbody>
            </Table>
          )}
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};
