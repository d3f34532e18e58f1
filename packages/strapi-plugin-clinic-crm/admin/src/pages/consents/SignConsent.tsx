import { useEffect, useRef, useState } from 'react';
import { Layouts, Page, useAuth, useFetchClient } from '@strapi/strapi/admin';
import { Alert, Box, Button, Field, Flex, Grid, TextInput, Textarea, Typography } from '@strapi/design-system';
import { ClientPicker, PickedClient } from '../../components/ClientPicker';
import { QuoteOptions, Selection, emptySelection } from '../../components/QuoteOptions';
import { SignatureCanvas, SignatureHandle } from '../../components/SignatureCanvas';
import { QuoteTable, Snapshot } from '../../components/QuoteTable';
import { apiLanguage, formatDateTime, useT } from '../../utils/i18n';
import { treatmentChoices, useDebouncedPost, usePublishedTreatments } from '../../utils/desk';
import { errorMessage, fieldErrorsOf } from '../../utils/useApi';
import { ConsentActions } from './ConsentActions';
import { SelectField } from '../../components/SelectField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApprovalRequest } from '../../components/ApprovalRequest';
import { contraindicationLabel } from '../../../../server/src/clients/domain/contraindications';

/** The contraindications a 400 names (`client`, with the matched codes as its value), or null. */
const contraindicationsOf = (e: any): string[] | null => {
  const item = (e?.response?.data?.error?.details?.errors ?? []).find((x: any) => x.path?.[0] === 'client' && Array.isArray(x.value));
  return item ? (item.value as string[]) : null;
};

interface Preview {
  renderedText: string;
  priceSnapshot: Snapshot;
  language: string;
  templateKey: string;
  templateVersion: number;
}
interface Signed {
  documentId: string;
  templateKey: string;
  templateVersion: number;
  priceTotal: number;
  signedAt: string;
  contentHash: string;
}

/**
 * Consent signing at the clinic: the client and treatment are chosen, the consent is shown as it
 * will be signed — rendered in the client's language with the frozen quote — the client signs on
 * the tablet, and the signed-in staff member is the witness. Afterwards: print and verify.
 */
export const SignConsentPage = () => {
  const { t, locale } = useT();
  const { post } = useFetchClient();
  const [client, setClient] = useState<PickedClient | null>(null);
  const treatments = usePublishedTreatments(locale);
  const [treatmentId, setTreatmentId] = useState<string>('');
  const [selection, setSelection] = useState<Selection>(emptySelection());
  const [signerName, setSignerName] = useState('');
  const [drawn, setDrawn] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [signed, setSigned] = useState<Signed | null>(null);
  const [busy, setBusy] = useState(false);
  const signature = useRef<SignatureHandle>(null);
  const treatment = treatments.find((x) => x.documentId === treatmentId) ?? null;
  // a contraindicated client: a doctor writes their own review; anyone else asks a doctor (核准)
  const isDoctor = useAuth('ClinicCrmSignConsent', (s: any) => (s.user?.roles ?? []).some((r: any) => r.code === 'clinic-crm-doctor'));
  const [contraindications, setContraindications] = useState<string[] | null>(null);
  const [doctorReason, setDoctorReason] = useState('');
  const [overrideApproval, setOverrideApproval] = useState<string | null>(null);

  useEffect(() => setSignerName(client?.fullName ?? ''), [client?.documentId]);
  useEffect(() => setSelection(emptySelection()), [treatmentId]);
  useEffect(() => {
    setContraindications(null);
    setDoctorReason('');
    setOverrideApproval(null);
  }, [client?.documentId, treatmentId]);

  const contraindicationOverride = !contraindications
    ? undefined
    : isDoctor
      ? doctorReason.trim().length >= 10
        ? { reason: doctorReason.trim() }
        : undefined
      : overrideApproval
        ? { approval: overrideApproval }
        : undefined;

  // the consent as it would be signed now, refreshed as the choices change
  const previewBody = client && treatmentId ? { client: client.documentId, treatment: treatmentId, priceSnapshot: selection, ...(contraindicationOverride ? { contraindicationOverride } : {}) } : null;
  const previewed = useDebouncedPost<Preview>('/clinic-crm/desk/consents/preview', previewBody, { delayMs: 300, keepPrevious: true });
  useEffect(() => {
    const hits = contraindicationsOf(previewed.error);
    if (hits) setContraindications(hits);
  }, [previewed.error]);
  // a signature is for the consent and quote shown when it was drawn: any change asks for it again
  useEffect(() => {
    signature.current?.clear();
    setDrawn(false);
  }, [JSON.stringify(previewBody)]);
  const preview = previewed.data;
  const previewError = previewed.error ? errorMessage(previewed.error) : null;

  const sign = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const res: any = await post('/clinic-crm/consent-records/sign', {
        client: client!.documentId,
        treatment: treatmentId,
        priceSnapshot: selection,
        signerName,
        signatureImage: signature.current?.image() ?? null,
        clientDevice: navigator.userAgent.slice(0, 300),
        ...(contraindicationOverride ? { contraindicationOverride } : {}),
      });
      setSigned(res.data.data);
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setSigned(null);
    setClient(null);
    setTreatmentId('');
    setDrawn(false);
  };

  return (
    <Page.Main>
      <Page.Title>{t('sign.title', 'Sign a consent')}</Page.Title>
      <Layouts.Header title={t('sign.title', 'Sign a consent')} subtitle={t('sign.subtitle', 'The client reads the consent and the price in their language and signs on the tablet; you are the witness.')} />
      <Layouts.Content>
        {signed ? (
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="signed">
            <Alert variant="success" title={t('sign.done', 'Consent signed')} closeLabel={t('common.close', 'Close')} onClose={restart}>
              {client?.fullName}（{client?.clientNumber}）· {treatment?.name} · {signed.templateKey} v{signed.templateVersion} · {formatDateTime(signed.signedAt, locale)}
            </Alert>
            <Box paddingTop={4}>
              <ConsentActions documentId={signed.documentId} contentHash={signed.contentHash} />
            </Box>
            <Box paddingTop={4}>
              <Button variant="secondary" onClick={restart}>
                {t('sign.another', 'Sign another consent')}
              </Button>
            </Box>
          </Box>
        ) : (
          <Grid.Root gap={6}>
            <Grid.Item col={5} xs={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
                <Flex direction="column" alignItems="stretch" gap={5}>
                  <ClientPicker value={client} onChange={setClient} error={errors.client} />
                  <SelectField name="treatment" label={t('sign.treatment', 'Treatment')} required value={treatmentId} onChange={setTreatmentId} options={treatmentChoices(treatments)} placeholder={t('desk.choose', 'Choose…')} error={errors.treatment} />
                  {treatment ? <QuoteOptions feeItems={treatment.feeItems} packages={treatment.coursePackages} value={selection} onChange={setSelection} /> : null}
                </Flex>
              </Box>
            </Grid.Item>
            <Grid.Item col={7} xs={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
                {contraindications && client && treatmentId ? (
                  <Box paddingBottom={4} data-testid="contraindicated">
                    <Alert variant="warning" title={t('sign.contraindicated', 'Contraindicated: a doctor’s review is needed')} closeLabel={t('common.close', 'Close')} onClose={() => undefined}>
                      {contraindications.map((c) => contraindicationLabel(c, apiLanguage(locale))).join('、')}
                    </Alert>
                    <Box paddingTop={3}>
                      {isDoctor ? (
                        <Field.Root name="contraindicationOverride" error={errors['contraindicationOverride.reason'] ?? errors.contraindicationOverride} required hint={t('sign.overrideHint', 'Your assessment as the doctor (at least 10 characters); it is stored with the consent under your name.')}>
                          <Field.Label>{t('sign.override', 'Doctor’s review')}</Field.Label>
                          <Textarea value={doctorReason} onChange={(e: any) => setDoctorReason(e.target.value)} maxLength={2000} />
                          <Field.Hint />
                          <Field.Error />
                        </Field.Root>
                      ) : (
                        <ApprovalRequest
                          kind="contraindication_override"
                          payload={{ client: client.documentId, treatment: treatmentId }}
                          matches={(a) => a.client?.documentId === client.documentId && a.treatment?.documentId === treatmentId}
                          covers={(a) => contraindications.every((c) => (a.details?.contraindications ?? []).includes(c))}
                          onUsable={setOverrideApproval}
                          title={t('sign.askDoctor', 'Ask a doctor to review')}
                          intro={t('sign.askDoctorIntro', 'Only a doctor can allow this treatment for this client. The doctors are e-mailed and decide signed in as themselves; once approved, the consent can be signed here.')}
                          button={t('sign.askDoctorButton', 'Ask a doctor to review')}
                          testId="override-approval"
                        />
                      )}
                    </Box>
                  </Box>
                ) : null}
                {previewError ? (
                  <ErrorAlert title={t('sign.cannot', 'This consent cannot be signed')} message={previewError} testId="preview-error" />
                ) : !preview ? (
                  <Typography textColor="neutral600">{t('sign.pick', 'Choose the client and the treatment to show the consent.')}</Typography>
                ) : (
                  <Box data-testid="consent-preview">
                    <Typography variant="sigma" textColor="neutral600">
                      {preview.templateKey} v{preview.templateVersion} · {t(`language.${preview.language}`, preview.language)}
                    </Typography>
                    <Box paddingTop={2} paddingBottom={4}>
                      <Typography tag="p" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>
                        {preview.renderedText}
                      </Typography>
                    </Box>
                    <QuoteTable snapshot={preview.priceSnapshot} />
                    <Box paddingTop={6}>
                      <Field.Root name="signerName" error={errors.signerName} required hint={t('sign.signerHint', 'The client, or their guardian')}>
                        <Field.Label>{t('sign.signer', 'Signed by')}</Field.Label>
                        <TextInput value={signerName} onChange={(e: any) => setSignerName(e.target.value)} />
                        <Field.Hint />
                        <Field.Error />
                      </Field.Root>
                    </Box>
                    <Box paddingTop={4}>
                      <Field.Root name="signatureImage" error={errors.signatureImage}>
                        <Field.Label>{t('sign.signature', 'Signature')}</Field.Label>
                        <SignatureCanvas ref={signature} onChange={setDrawn} />
                        <Field.Error />
                      </Field.Root>
                    </Box>
                    {failure && !Object.keys(errors).length ? (
                      <Box paddingTop={4}>
                        <ErrorAlert message={failure} onClose={() => setFailure(null)} />
                      </Box>
                    ) : null}
                    <Flex paddingTop={4} gap={3}>
                      <Button onClick={sign} loading={busy} disabled={!drawn || !signerName.trim()}>
                        {t('sign.submit', 'Sign the consent')}
                      </Button>
                      <Typography variant="pi" textColor="neutral600">
                        {t('sign.witnessHint', 'You sign as the witness.')}
                      </Typography>
                    </Flex>
                  </Box>
                )}
              </Box>
            </Grid.Item>
          </Grid.Root>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
