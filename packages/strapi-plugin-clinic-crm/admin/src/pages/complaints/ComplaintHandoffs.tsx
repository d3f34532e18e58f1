import { useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { formatDateTime, useT } from '../../utils/i18n';
import { errorMessage, fieldErrorsOf, useApi } from '../../utils/useApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { StepTimer } from './handoff-timer';

const DEPARTMENTS = ['front_desk', 'beautician', 'nurse', 'doctor', 'management'];
const ANYONE = '__least_loaded__';

interface Person {
  documentId: string;
  fullName: string;
  department: string;
}
interface Step {
  documentId: string;
  fromDepartment: string;
  toDepartment: string;
  handedOffBy: Person | null;
  toStaff: Person | null;
  acceptedBy: Person | null;
  reason: string;
  handedOffAt: string;
  dueAt: string | null;
  acceptedAt: string | null;
  waitedMinutes: number;
  accepted: boolean;
  overdue: boolean;
}
interface Handoffs {
  department: string | null;
  assignee: Person | null;
  steps: Step[];
  proposedNext: string | null;
  involved: string[];
  candidates: Record<string, Array<{ documentId: string; fullName: string }>>;
  acceptHours: Record<string, number>;
  may: { handOff: boolean; accept: boolean; notes: boolean };
}
interface Note {
  documentId: string;
  body: string;
  authorDepartment: string;
  postedAt: string;
  author: Person | null;
}

/**
 * The complaint's hand-offs between departments: hand it on (轉交) with a reason and optionally a
 * named person, accept it (接手) when it was handed to you, each step with its timer, and the
 * coordination notes of the departments involved.
 */
export const ComplaintHandoffs = ({ documentId, onDone }: { documentId: string; onDone: () => void }) => {
  const { t, locale } = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const view = useApi<Handoffs>(`/clinic-crm/complaints/${documentId}/handoffs`);
  const h = view.data;
  const notes = useApi<Note[]>(h?.may.notes ? `/clinic-crm/complaints/${documentId}/notes` : null);
  const [form, setForm] = useState<{ to: string; person: string; reason: string } | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dept = (d: string | null) => (d ? t(`department.${d}`, d) : '—');
  const when = (v: string | null) => formatDateTime(v, locale);

  const send = async (path: string, body: Record<string, unknown>, done: string, after: () => void) => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await post(`/clinic-crm/complaints/${documentId}/${path}`, body);
      toggleNotification({ type: 'success', message: done });
      after();
      view.reload();
      notes.reload();
      onDone();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!h) return view.error ? <ErrorAlert message={view.error} /> : null;
  const last = h.steps[h.steps.length - 1];
  const targets = DEPARTMENTS.filter((d) => d !== h.department);

  return (
    <Box data-testid="handoffs">
      <Flex gap={4} wrap="wrap" alignItems="center" paddingBottom={3}>
        <Typography data-testid="handoff-current">
          {t('handoff.now', 'Now with')}：<b>{dept(h.department)}</b>
          {h.assignee ? ` · ${h.assignee.fullName}` : ''}
        </Typography>
        {h.proposedNext ? (
          <Typography textColor="neutral600" data-testid="handoff-proposed">
            {t('handoff.proposed', 'Proposed next step: {department}', { department: dept(h.proposedNext) })}
          </Typography>
        ) : null}
      </Flex>
      <Flex gap={2} paddingBottom={3}>
        {h.may.handOff ? (
          <Button variant={form ? 'default' : 'secondary'} onClick={() => setForm(form ? null : { to: h.proposedNext ?? '', person: ANYONE, reason: '' })}>
            {t('handoff.handOff', 'Hand off')}
          </Button>
        ) : null}
        {h.may.accept && last ? (
          <Button loading={busy} onClick={() => send(`handoffs/${last.documentId}/accept`, {}, t('handoff.acceptedDone', 'You have taken this complaint up'), () => undefined)}>
            {t('handoff.accept', 'Accept')}
          </Button>
        ) : null}
      </Flex>
      {failure && !form ? <ErrorAlert message={failure} onClose={() => setFailure(null)} /> : null}
      {form ? (
        <Box padding={4} background="neutral100" hasRadius data-testid="handoff-form">
          <Flex gap={4} alignItems="flex-start" wrap="wrap">
            <Box minWidth="220px">
              <SelectField
                name="toDepartment"
                label={t('handoff.toDepartment', 'Hand to department')}
                value={form.to}
                onChange={(v) => setForm({ ...form, to: v, person: ANYONE })}
                options={targets.map((d) => ({ value: d, label: dept(d) }))}
                error={errors.toDepartment}
                hint={form.to ? t('handoff.acceptWithin', 'To be accepted within {hours} business hours', { hours: h.acceptHours[form.to] }) : undefined}
                required
              />
            </Box>
            <Box minWidth="220px">
              <SelectField
                name="toStaff"
                label={t('handoff.toStaff', 'Person (optional)')}
                value={form.person}
                onChange={(v) => setForm({ ...form, person: v })}
                options={[{ value: ANYONE, label: t('handoff.leastLoaded', 'Whoever has the fewest open complaints') }, ...(h.candidates[form.to] ?? []).map((p) => ({ value: p.documentId, label: p.fullName }))]}
                error={errors.toStaff}
                disabled={!form.to}
              />
            </Box>
          </Flex>
          <Box paddingTop={3}>
            <Field.Root name="reason" error={errors.reason} required>
              <Field.Label>{t('handoff.reason', 'Reason for the hand-off')}</Field.Label>
              <Textarea value={form.reason} onChange={(e: any) => setForm({ ...form, reason: e.target.value })} maxLength={2000} />
              <Field.Error />
            </Field.Root>
          </Box>
          {failure && !errors.reason && !errors.toDepartment && !errors.toStaff ? (
            <Box paddingTop={3}>
              <ErrorAlert message={failure} onClose={() => setFailure(null)} />
            </Box>
          ) : null}
          <Flex gap={2} paddingTop={4}>
            <Button
              loading={busy}
              onClick={() => send('handoffs', { toDepartment: form.to || undefined, toStaff: form.person === ANYONE ? null : form.person, reason: form.reason }, t('handoff.done', 'Handed off'), () => setForm(null))}
            >
              {t('handoff.confirm', 'Confirm hand-off')}
            </Button>
            <Button variant="tertiary" onClick={() => setForm(null)}>
              {t('common.cancel', 'Cancel')}
            </Button>
          </Flex>
        </Box>
      ) : null}

      <Box tag="ol" paddingTop={3} data-testid="handoff-steps">
        {h.steps.length === 0 ? <Typography textColor="neutral600">{t('handoff.none', 'Not handed off yet.')}</Typography> : null}
        {h.steps.map((s, i) => (
          <Box tag="li" key={s.documentId} paddingBottom={3} data-testid={`handoff-step-${i + 1}`}>
            <Flex gap={3} wrap="wrap">
              <Typography fontWeight="bold">
                {dept(s.fromDepartment)} → {dept(s.toDepartment)}
                {s.toStaff ? ` · ${s.toStaff.fullName}` : ''}
              </Typography>
              <StepTimer accepted={s.accepted} overdue={s.overdue} waitedMinutes={s.waitedMinutes} testId={`handoff-timer-${i + 1}`} />
            </Flex>
            <Typography variant="pi" textColor="neutral600" tag="div">
              {when(s.handedOffAt)} · {s.handedOffBy?.fullName ?? ''}
              {s.accepted ? ` · ${t('handoff.acceptedBy', 'accepted by {name} {at}', { name: s.acceptedBy?.fullName ?? '', at: when(s.acceptedAt) })}` : ` · ${t('handoff.due', 'due {at}', { at: when(s.dueAt) })}`}
            </Typography>
            <Typography tag="div">{s.reason}</Typography>
          </Box>
        ))}
      </Box>

      <Box paddingTop={4}>
        <Typography variant="delta" tag="h3">
          {t('handoff.notes', 'Coordination notes')}
        </Typography>
        {!h.may.notes ? (
          <Typography textColor="neutral600">{t('handoff.notesPrivate', 'Coordination notes are for the departments the complaint passed through and management.')}</Typography>
        ) : (
          <>
            <Box tag="ul" paddingTop={2} data-testid="handoff-notes">
              {(notes.data ?? []).map((n) => (
                <Box tag="li" key={n.documentId} paddingBottom={2}>
                  <Typography variant="pi" textColor="neutral600" tag="div">
                    {when(n.postedAt)} · {n.author?.fullName ?? ''}（{dept(n.authorDepartment)}）
                  </Typography>
                  <Typography tag="div" style={{ whiteSpace: 'pre-wrap' }}>
                    {n.body}
                  </Typography>
                </Box>
              ))}
            </Box>
            <Field.Root name="body" error={errors.body}>
              <Field.Label>{t('handoff.newNote', 'Add a note')}</Field.Label>
              <Textarea value={note} onChange={(e: any) => setNote(e.target.value)} maxLength={4000} />
              <Field.Error />
            </Field.Root>
            <Box paddingTop={2}>
              <Button variant="secondary" loading={busy} disabled={!note.trim()} onClick={() => send('notes', { body: note }, t('handoff.noteAdded', 'Note added'), () => setNote(''))}>
                {t('handoff.addNote', 'Add note')}
              </Button>
            </Box>
          </>
        )}
      </Box>
    </Box>
  );
};
