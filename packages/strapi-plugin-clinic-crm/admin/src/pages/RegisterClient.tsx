import { useState } from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Alert, Box, Button, Checkbox, Field, Flex, Grid, Textarea, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { useT } from '../utils/i18n';
import { errorMessage, fieldErrorsOf } from '../utils/useApi';
import { TextField } from '../components/TextField';
import { SelectField } from '../components/SelectField';
import { ErrorAlert } from '../components/ErrorAlert';

const GENDERS = ['female', 'male', 'other', 'undisclosed'];
const LANGUAGES = ['zh-Hant', 'zh-Hans', 'en'];
const EMPTY = { fullName: '', preferredName: '', phone: '', email: '', gender: 'undisclosed', dateOfBirth: '', preferredLanguage: 'zh-Hant', aestheticGoals: '' };
type Form = typeof EMPTY;

interface Existing {
  documentId: string;
  clientNumber: string;
  fullName: string;
}

/**
 * Client registration at the front desk: the client number is generated; a phone number or e-mail
 * that already belongs to a client is shown with a link to that client (a shared family phone can
 * be confirmed); health history and privacy fields are not part of this form.
 */
export const RegisterClientPage = () => {
  const { t } = useT();
  const { post } = useFetchClient();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [existing, setExisting] = useState<Existing | null>(null);
  const [shared, setShared] = useState(false);
  const [created, setCreated] = useState<{ documentId: string; clientNumber: string; fullName: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (name: keyof Form) => (value: string) => {
    setForm((f) => ({ ...f, [name]: value }));
    if (name === 'phone' || name === 'email') {
      setExisting(null);
      setShared(false);
    }
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const res: any = await post('/clinic-crm/desk/clients', { ...form, sharedContact: shared });
      setCreated(res.data.data);
      setForm(EMPTY);
      setExisting(null);
      setShared(false);
    } catch (err: any) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setExisting(err?.response?.data?.error?.details?.existingClient ?? null);
      if (Object.keys(fields).length === 0) setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const text = (name: keyof Form, label: string, opts: { required?: boolean; type?: string; hint?: string } = {}) => (
    <TextField name={name} label={label} value={form[name]} onChange={set(name)} error={errors[name]} {...opts} />
  );

  return (
    <Page.Main>
      <Page.Title>{t('register.title', 'Register a client')}</Page.Title>
      <Layouts.Header title={t('register.title', 'Register a client')} subtitle={t('register.subtitle', 'The client number is generated. Health history is recorded by a nurse or doctor.')} />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <form onSubmit={submit} noValidate data-testid="register-client">
            {created ? (
              <Box paddingBottom={4}>
                <Alert variant="success" title={t('register.created', 'Client registered')} onClose={() => setCreated(null)} closeLabel={t('common.close', 'Close')}>
                  <span data-testid="created-client">
                    {created.clientNumber} {created.fullName}
                  </span>{' '}
                  · <Link to={`../timeline/${created.documentId}`}>{t('register.openTimeline', 'Open the client')}</Link>
                </Alert>
              </Box>
            ) : null}
            {existing ? (
              <Box paddingBottom={4}>
                <Alert variant="warning" title={t('register.duplicateTitle', 'This client may already be registered')} closeLabel={t('common.close', 'Close')} onClose={() => setExisting(null)}>
                  <span data-testid="existing-client">
                    {existing.clientNumber} {existing.fullName}
                  </span>{' '}
                  · <Link to={`../timeline/${existing.documentId}`}>{t('register.openExisting', 'Open the existing client')}</Link>
                  <Box paddingTop={2}>
                    <Checkbox checked={shared} onCheckedChange={(v: boolean) => setShared(v === true)}>
                      {t('register.sharedContact', 'It is a different person sharing this phone or e-mail (e.g. family): register anyway')}
                    </Checkbox>
                  </Box>
                </Alert>
              </Box>
            ) : null}
            {failure ? (
              <Box paddingBottom={4}>
                <ErrorAlert message={failure} onClose={() => setFailure(null)} />
              </Box>
            ) : null}
            <Grid.Root gap={5}>
              <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                {text('fullName', t('client.fullName', 'Full name'), { required: true })}
              </Grid.Item>
              <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                {text('preferredName', t('client.preferredName', 'How to address them'), { hint: t('client.preferredNameHint', 'e.g. 周小姐') })}
              </Grid.Item>
              <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                {text('phone', t('client.phone', 'Phone'), { required: true, type: 'tel' })}
              </Grid.Item>
              <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                {text('email', t('client.email', 'E-mail'), { type: 'email' })}
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                <SelectField name="gender" label={t('client.gender', 'Gender')} value={form.gender} onChange={set('gender')} options={GENDERS.map((v) => ({ value: v, label: t(`gender.${v}`, v) }))} error={errors.gender} />
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                {text('dateOfBirth', t('client.dateOfBirth', 'Date of birth'), { type: 'date' })}
              </Grid.Item>
              <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                <SelectField name="preferredLanguage" label={t('client.preferredLanguage', 'Language for messages')} value={form.preferredLanguage} onChange={set('preferredLanguage')} options={LANGUAGES.map((v) => ({ value: v, label: t(`language.${v}`, v) }))} error={errors.preferredLanguage} />
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root name="aestheticGoals" error={errors.aestheticGoals}>
                  <Field.Label>{t('client.aestheticGoals', 'What they would like to improve')}</Field.Label>
                  <Textarea value={form.aestheticGoals} onChange={(e: any) => set('aestheticGoals')(e.target.value)} />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
            <Flex paddingTop={6} gap={2}>
              <Button type="submit" loading={busy}>
                {t('register.submit', 'Register client')}
              </Button>
              <Typography variant="pi" textColor="neutral600">
                {t('register.numberHint', 'The client number is assigned when you register.')}
              </Typography>
            </Flex>
          </form>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};
