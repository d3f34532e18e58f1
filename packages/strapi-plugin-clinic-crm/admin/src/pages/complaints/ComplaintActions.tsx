import { useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Checkbox, Field, Flex, NumberInput, Textarea, Typography } from '@strapi/design-system';
import { useT } from '../../utils/i18n';
import { errorMessage, fieldErrorsOf } from '../../utils/useApi';
import { ErrorAlert } from '../../components/ErrorAlert';

const RESOLUTION_TYPES = ['apology', 'free_touch_up', 'refund', 'fee_waiver', 'product_return', 'referral'];
const NEEDS_NOTE = new Set(['rejected', 'duplicate']);

export interface ActionsProps {
  documentId: string;
  next: string[];
  open: boolean;
  paused: boolean;
  refundApprovalThreshold: number;
  onDone: () => void;
}

/**
 * Every workflow step the complaint can take next, with the fields that step needs: a note (a
 * reason, required to reject or close as duplicate), and for a proposed resolution its kinds,
 * refund amount and notes. The server applies the rules (who may execute a large refund, …) and
 * its errors are shown here, next to the field.
 */
export const ComplaintActions = ({ documentId, next, open, paused, refundApprovalThreshold, onDone }: ActionsProps) => {
  const { t } = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [refund, setRefund] = useState<number | undefined>(undefined);
  const [resolutionNotes, setResolutionNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setTo(null);
    setNote('');
    setTypes([]);
    setRefund(undefined);
    setResolutionNotes('');
    setErrors({});
    setFailure(null);
  };

  const send = async (path: string, body: Record<string, unknown>, done: string) => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await post(`/clinic-crm/complaints/${documentId}/${path}`, body);
      toggleNotification({ type: 'success', message: done });
      reset();
      onDone();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setErrors(fields);
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = () => {
    if (!to) return;
    const body: Record<string, unknown> = { to, note: note.trim() || null };
    if (to === 'resolution_proposed') body.resolution = { types, refundAmount: types.includes('refund') ? refund ?? null : null, notes: resolutionNotes.trim() || null };
    return send('transition', body, t('complaints.moved', 'Status changed'));
  };

  if (!open) return <Typography textColor="neutral600">{t('desk.final', 'This complaint is closed.')}</Typography>;

  return (
    <Box>
      <Flex gap={2} wrap="wrap" paddingBottom={4}>
        {next.map((status) => (
          <Button key={status} variant={to === status ? 'default' : status === 'rejected' || status === 'duplicate' ? 'danger-light' : 'secondary'} onClick={() => (to === status ? reset() : (reset(), setTo(status)))}>
            {t(`desk.step.${status}`, status)}
          </Button>
        ))}
        <Button variant="tertiary" loading={busy && !to} onClick={() => send(paused ? 'resume' : 'pause', {}, paused ? t('desk.resumed', 'Clock running again') : t('desk.pausedDone', 'Clock paused'))}>
          {paused ? t('desk.resume', 'Resume the clock') : t('desk.pause', 'Pause the clock (waiting on the client)')}
        </Button>
      </Flex>
      {failure && !to ? (
        <ErrorAlert message={failure} onClose={() => setFailure(null)} />
      ) : null}
      {to ? (
        <Box padding={4} background="neutral100" hasRadius data-testid="step-form">
          <Typography variant="delta" tag="h3">
            {t(`desk.step.${to}`, to)}
          </Typography>
          {to === 'resolution_proposed' ? (
            <Box paddingTop={3}>
              <Field.Root name="resolution.types" error={errors['resolution.types']}>
                <Field.Label>{t('desk.resolutionTypes', 'Resolution')}</Field.Label>
                <Flex gap={4} wrap="wrap" paddingTop={1}>
                  {RESOLUTION_TYPES.map((type) => (
                    <Checkbox key={type} checked={types.includes(type)} onCheckedChange={(v: boolean) => setTypes((cur) => (v ? [...cur, type] : cur.filter((x) => x !== type)))}>
                      {t(`resolution.${type}`, type)}
                    </Checkbox>
                  ))}
                </Flex>
                <Field.Error />
              </Field.Root>
              {types.includes('refund') ? (
                <Box paddingTop={3} maxWidth="240px">
                  <Field.Root name="resolution.refundAmount" error={errors['resolution.refundAmount']} hint={t('desk.refundHint', 'Above NT${threshold} a manager executes it.', { threshold: refundApprovalThreshold.toLocaleString('en-US') })}>
                    <Field.Label>{t('desk.refundAmount', 'Refund (NT$)')}</Field.Label>
                    <NumberInput value={refund} onValueChange={(v: number | undefined) => setRefund(v)} step={100} />
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                </Box>
              ) : null}
              <Box paddingTop={3}>
                <Field.Root name="resolution.notes">
                  <Field.Label>{t('desk.resolutionNotes', 'What was agreed with the client')}</Field.Label>
                  <Textarea value={resolutionNotes} onChange={(e: any) => setResolutionNotes(e.target.value)} maxLength={4000} />
                </Field.Root>
              </Box>
            </Box>
          ) : null}
          <Box paddingTop={3}>
            <Field.Root name="note" error={errors.note} required={NEEDS_NOTE.has(to)}>
              <Field.Label>{NEEDS_NOTE.has(to) ? t('desk.reason', 'Reason') : t('desk.note', 'Note for the timeline')}</Field.Label>
              <Textarea value={note} onChange={(e: any) => setNote(e.target.value)} maxLength={4000} />
              <Field.Error />
            </Field.Root>
          </Box>
          {failure && !Object.keys(errors).some((k) => k === 'note' || k.startsWith('resolution')) ? (
            <Box paddingTop={3}>
              <ErrorAlert message={failure} onClose={() => setFailure(null)} testId="step-error" />
            </Box>
          ) : null}
          <Flex gap={2} paddingTop={4}>
            <Button loading={busy} onClick={confirm}>
              {t('desk.confirm', 'Confirm')}
            </Button>
            <Button variant="tertiary" onClick={reset}>
              {t('common.cancel', 'Cancel')}
            </Button>
          </Flex>
        </Box>
      ) : null}
    </Box>
  );
};
