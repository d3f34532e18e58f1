import { useEffect, useState } from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Grid, Textarea } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import { ClientPicker, PickedClient } from '../../components/ClientPicker';
import { formatDateTime, useT } from '../../utils/i18n';
import { errorMessage, fieldErrorsOf } from '../../utils/useApi';
import { TextField } from '../../components/TextField';
import { SelectField } from '../../components/SelectField';
import { ErrorAlert } from '../../components/ErrorAlert';

const CHANNELS = ['phone', 'walk_in', 'email', 'social', 'follow_up_call'];
const CATEGORIES = ['side_effect', 'product_reaction', 'result_below_expectation', 'service_attitude', 'price_billing', 'hygiene_safety', 'privacy', 'other'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];

interface Record_ {
  documentId: string;
  recordNumber: string;
  performedAt: string;
  treatment: { name: string } | null;
}

/**
 * A complaint taken by phone or at the desk: who, how to reach them, what happened and when, and
 * the treatment or product batch if known. Reference, routing and deadlines are the server's.
 */
export const ComplaintIntakePage = () => {
  const { t, locale } = useT();
  const { get, post } = useFetchClient();
  const navigate = useNavigate();
  const [client, setClient] = useState<PickedClient | null>(null);
  const [records, setRecords] = useState<Record_[]>([]);
  const [form, setForm] = useState({ contactName: '', contactPhone: '', contactEmail: '', channel: 'phone', category: '', severity: 'medium', occurredAt: '', treatmentRecord: '', productBatchNumber: '', description: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  // picking (or changing) the client fills the contact details from that client's file — never
  // another client's left over in the form — and offers that client's treatments
  useEffect(() => {
    setRecords([]);
    setForm((f) => ({ ...f, treatmentRecord: '', contactName: client ? client.preferredName || client.fullName : '', contactPhone: client?.phone ?? '', contactEmail: client?.email ?? '' }));
    if (!client) return;
    let live = true;
    get(`/clinic-crm/desk/clients/${client.documentId}/treatment-records`)
      .then((res: any) => live && setRecords(res.data.data ?? []))
      .catch(() => live && setRecords([]));
    return () => {
      live = false;
    };
  }, [client?.documentId]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const occurredAt = form.occurredAt ? new Date(form.occurredAt).toISOString() : null;
      const res: any = await post('/clinic-crm/desk/complaints', { ...form, occurredAt, client: client?.documentId ?? null, treatmentRecord: form.treatmentRecord || null });
      navigate(`../complaints/${res.data.data.documentId}`);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (!Object.keys(fields).length) setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const input = (name: keyof typeof form, label: string, opts: { type?: string; required?: boolean; hint?: string } = {}) => (
    <TextField name={name} label={label} value={form[name]} onChange={set(name)} error={errors[name]} {...opts} />
  );
  const select = (name: keyof typeof form, label: string, values: string[], prefix: string, required = false) => (
    <SelectField name={name} label={label} required={required} value={form[name]} onChange={set(name)} options={values.map((v) => ({ value: v, label: t(`${prefix}.${v}`, v) }))} placeholder={t('desk.choose', 'Choose…')} error={errors[name]} />
  );

  return (
    <Page.Main>
      <Page.Title>{t('desk.newTitle', 'Take a complaint')}</Page.Title>
      <Layouts.Header title={t('desk.newTitle', 'Take a complaint')} subtitle={t('desk.newSubtitle', 'The reference number, routing and deadlines are set when you save.')} navigationAction={<Flex><Button variant="tertiary" startIcon={<ArrowLeft />} onClick={() => navigate('../complaints')}>{t('common.back', 'Back')}</Button></Flex>} />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <form onSubmit={submit} noValidate data-testid="complaint-intake">
            {failure ? (
              <Box paddingBottom={4}>
                <ErrorAlert message={failure} onClose={() => setFailure(null)} />
              </Box>
            ) : null}
            <Grid.Root gap={5}>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <ClientPicker value={client} onChange={setClient} error={errors.client} />
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                {input('contactName', t('desk.contactName', 'Name'), { required: !client })}
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                {input('contactPhone', t('client.phone', 'Phone'), { type: 'tel' })}
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                {input('contactEmail', t('client.email', 'E-mail'), { type: 'email' })}
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                {select('channel', t('desk.channel', 'Came in by'), CHANNELS, 'channel', true)}
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                {select('category', t('desk.category', 'Category'), CATEGORIES, 'complaint.category', true)}
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                {select('severity', t('desk.severity', 'Severity'), SEVERITIES, 'severity', true)}
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                {input('occurredAt', t('desk.occurredAt', 'When it happened'), { type: 'datetime-local', hint: t('desk.occurredAtHint', 'Date and time, as the client tells it') })}
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                <SelectField
                  name="treatmentRecord"
                  label={t('desk.treatmentRecord', 'Treatment concerned')}
                  hint={client ? undefined : t('desk.recordNeedsClient', 'Pick the client to choose one of their treatments')}
                  disabled={!client || records.length === 0}
                  value={form.treatmentRecord}
                  onChange={set('treatmentRecord')}
                  options={records.map((r) => ({ value: r.documentId, label: `${formatDateTime(r.performedAt, locale)} · ${r.treatment?.name ?? ''} · ${r.recordNumber}` }))}
                  placeholder="—"
                  error={errors.treatmentRecord}
                />
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                {input('productBatchNumber', t('desk.batch', 'Product batch number (if known)'))}
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root name="description" error={errors.description} required>
                  <Field.Label>{t('desk.description', 'What happened')}</Field.Label>
                  <Textarea value={form.description} onChange={(e: any) => set('description')(e.target.value)} maxLength={4000} />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
            <Flex paddingTop={6} gap={2}>
              <Button type="submit" loading={busy}>
                {t('desk.save', 'Save complaint')}
              </Button>
            </Flex>
          </form>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};
