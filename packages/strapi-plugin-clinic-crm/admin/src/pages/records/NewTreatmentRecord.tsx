import { useEffect, useState } from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Alert, Box, Button, Field, Flex, Grid, TextInput, Textarea, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { ClientPicker, PickedClient } from '../../components/ClientPicker';
import { QuoteOptions, Selection, emptySelection } from '../../components/QuoteOptions';
import { QuoteTable, Snapshot } from '../../components/QuoteTable';
import { formatDateTime, money, useT } from '../../utils/i18n';
import { treatmentChoices, useDebouncedPost, usePublishedTreatments } from '../../utils/desk';
import { errorMessage, fieldErrorsOf } from '../../utils/useApi';
import { SelectField } from '../../components/SelectField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApprovalRequest } from '../../components/ApprovalRequest';

interface Context {
  consent: { documentId: string; signedAt: string; templateKey: string; templateVersion: number; signerName: string; priceSnapshot: Snapshot; selection: Selection; witness: { fullName: string } | null } | null;
  consentProblem: { path: string; message: string } | null;
  practitioners: Array<{ documentId: string; fullName: string; department: string; jobTitle: string | null }>;
}

const localMinute = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const nowLocal = () => {
  const d = new Date();
  d.setSeconds(0, 0);
  return localMinute(d);
};
/**
 * The default time of the treatment: now, to the minute — but never before the consent was signed
 * (the server refuses a treatment dated before its consent; a consent signed a few seconds ago
 * would otherwise be later than "now" rounded down): then the minute after the signature.
 */
const defaultPerformedAt = (signedAt: string | undefined) => {
  const now = nowLocal();
  if (!signedAt) return now;
  const signed = new Date(signedAt);
  if (new Date(now).getTime() >= signed.getTime()) return now;
  signed.setSeconds(0, 0);
  return localMinute(new Date(signed.getTime() + 60_000));
};

/**
 * A treatment performed, recorded by the practitioner or the nurse: client, treatment and who
 * performed it (only staff qualified for it today); the consent it is performed under with the
 * quote the client signed; the options as done, priced live by the server. The record number,
 * frozen price and SOP versions are the server's, and the follow-up ladder starts with it.
 */
export const NewTreatmentRecordPage = () => {
  const { t, locale } = useT();
  const { get, post } = useFetchClient();
  const [client, setClient] = useState<PickedClient | null>(null);
  const treatments = usePublishedTreatments(locale);
  const [treatmentId, setTreatmentId] = useState('');
  const [context, setContext] = useState<Context | null>(null);
  const [selection, setSelection] = useState<Selection>(emptySelection());
  const [practitioner, setPractitioner] = useState('');
  const [performedAt, setPerformedAt] = useState(nowLocal());
  const [batches, setBatches] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<{ documentId: string; recordNumber: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // a manager's approval of a price above the signed quote, once approved (sent with the record)
  const [priceApproval, setPriceApproval] = useState<string | null>(null);
  const treatment = treatments.find((x) => x.documentId === treatmentId) ?? null;

  useEffect(() => {
    setContext(null);
    setPractitioner('');
    setPriceApproval(null);
    setSelection(emptySelection());
    if (!client || !treatmentId) return;
    let live = true;
    get(`/clinic-crm/desk/record-context?client=${client.documentId}&treatment=${treatmentId}`)
      .then((res: any) => {
        if (!live) return;
        const c: Context = res.data.data;
        setContext(c);
        setSelection(c.consent?.selection ?? emptySelection());
        setPerformedAt(defaultPerformedAt(c.consent?.signedAt));
      })
      .catch((e) => live && setFailure(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [client?.documentId, treatmentId]);

  // the price of the options as chosen now, from the server
  const priced = useDebouncedPost<Snapshot>('/clinic-crm/desk/quote', client && treatmentId && context ? { client: client.documentId, treatment: treatmentId, priceSnapshot: selection } : null);
  const quote = priced.data;
  const quoteErrors = priced.error ? fieldErrorsOf(priced.error) : {};

  const save = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const res: any = await post('/clinic-crm/desk/treatment-records', {
        client: client!.documentId,
        treatment: treatmentId,
        practitioner,
        performedAt: new Date(performedAt).toISOString(),
        priceSnapshot: selection,
        productBatchNumbers: batches.split(/[,，\s]+/).filter(Boolean),
        notes: notes.trim() || null,
        ...(priceApproval ? { priceApproval } : {}),
      });
      setCreated(res.data.data);
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const signed = context?.consent?.priceSnapshot;
  const differs = signed && quote && signed.total !== quote.total;
  const overQuote = !!(signed && quote && quote.total > signed.total);
  // the server's refusal of a price above the signed quote (400 naming priceSnapshot or priceApproval)
  const overQuoteError = errors.priceSnapshot ?? errors.priceApproval ?? null;

  return (
    <Page.Main>
      <Page.Title>{t('record.title', 'Record a treatment')}</Page.Title>
      <Layouts.Header title={t('record.title', 'Record a treatment')} subtitle={t('record.subtitle', 'Under the consent the client signed; the record number, price and follow-ups are set when you save.')} />
      <Layouts.Content>
        {created ? (
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="record-created">
            <Alert variant="success" title={t('record.done', 'Treatment recorded')} closeLabel={t('common.close', 'Close')} onClose={() => setCreated(null)}>
              <span data-testid="record-number">{created.recordNumber}</span> · {t('record.followUps', 'The follow-up calls are scheduled in My tasks.')}{' '}
              <Link to={`../timeline/${client?.documentId}`}>{t('register.openTimeline', 'Open the client')}</Link>
            </Alert>
          </Box>
        ) : (
          <Grid.Root gap={6}>
            <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
                <Flex direction="column" alignItems="stretch" gap={5}>
                  <ClientPicker value={client} onChange={setClient} error={errors.client} />
                  <SelectField name="treatment" label={t('sign.treatment', 'Treatment')} required value={treatmentId} onChange={setTreatmentId} options={treatmentChoices(treatments)} placeholder={t('desk.choose', 'Choose…')} error={errors.treatment ?? quoteErrors.treatment} />
                  {context ? (
                    <>
                      <SelectField
                        name="practitioner"
                        label={t('record.practitioner', 'Performed by')}
                        required
                        hint={t('record.qualifiedHint', 'Only staff qualified for this treatment today are listed.')}
                        value={practitioner}
                        onChange={setPractitioner}
                        options={context.practitioners.map((p) => ({ value: p.documentId, label: `${p.fullName} · ${t(`department.${p.department}`, p.department)}` }))}
                        placeholder={t('desk.choose', 'Choose…')}
                        error={errors.practitioner}
                      />
                      <Field.Root name="performedAt" error={errors.performedAt} required>
                        <Field.Label>{t('record.performedAt', 'Performed at')}</Field.Label>
                        <TextInput type="datetime-local" value={performedAt} onChange={(e: any) => setPerformedAt(e.target.value)} />
                        <Field.Error />
                      </Field.Root>
                      {treatment ? <QuoteOptions feeItems={treatment.feeItems} packages={treatment.coursePackages} value={selection} onChange={setSelection} /> : null}
                      <Field.Root name="productBatchNumbers" hint={t('record.batchesHint', 'Separate several with commas')}>
                        <Field.Label>{t('record.batches', 'Product batch numbers')}</Field.Label>
                        <TextInput value={batches} onChange={(e: any) => setBatches(e.target.value)} />
                        <Field.Hint />
                      </Field.Root>
                      <Field.Root name="notes">
                        <Field.Label>{t('record.notes', 'Clinical notes')}</Field.Label>
                        <Textarea value={notes} onChange={(e: any) => setNotes(e.target.value)} maxLength={4000} />
                      </Field.Root>
                    </>
                  ) : null}
                </Flex>
              </Box>
            </Grid.Item>
            <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
                {!context ? (
                  <Typography textColor="neutral600">{t('record.pick', 'Choose the client and the treatment.')}</Typography>
                ) : context.consent ? (
                  <Box data-testid="record-consent">
                    <Typography variant="delta" tag="h2">
                      {t('record.consent', 'Consent')}
                    </Typography>
                    <Typography tag="p" textColor="neutral700">
                      {t('record.consentSigned', 'Signed {at} by {signer}, witness {witness} · {template}', {
                        at: formatDateTime(context.consent.signedAt, locale),
                        signer: context.consent.signerName,
                        witness: context.consent.witness?.fullName ?? '—',
                        template: `${context.consent.templateKey} v${context.consent.templateVersion}`,
                      })}
                    </Typography>
                    <Box paddingTop={2}>
                      <Typography variant="sigma">{t('record.signedQuote', 'Quote the client signed')}</Typography>
                      <QuoteTable snapshot={context.consent.priceSnapshot} />
                    </Box>
                  </Box>
                ) : (
                  <ErrorAlert
                    title={t('record.noConsent', 'No valid consent')}
                    testId="record-no-consent"
                    message={
                      <>
                        {context.consentProblem?.message} <Link to="../consents/sign">{t('nav.signConsent', 'Sign a consent')}</Link>
                      </>
                    }
                  />
                )}
                {quote ? (
                  <Box paddingTop={6} data-testid="record-quote">
                    <Typography variant="sigma">{t('record.thisRecord', 'This treatment')}</Typography>
                    <QuoteTable snapshot={quote} />
                    {differs ? (
                      <Box paddingTop={3}>
                        <Alert variant="warning" title={t('record.differs', 'Not the price the client signed')} closeLabel={t('common.close', 'Close')} onClose={() => undefined}>
                          {t('record.differsText', 'The signed quote was {signed}; this treatment comes to {now}. Explain the difference to the client; a new consent may be needed.', { signed: money(signed!.total), now: money(quote.total) })}
                        </Alert>
                      </Box>
                    ) : null}
                    {overQuote && context?.consent ? (
                      <Box paddingTop={3}>
                        <ApprovalRequest
                          kind="price_change"
                          payload={{ consentRecord: context.consent.documentId, priceSnapshot: selection }}
                          matches={(a) => a.consentRecord?.documentId === context.consent!.documentId}
                          covers={(a) => Number(a.details?.requestedTotal) >= quote.total}
                          onUsable={setPriceApproval}
                          title={t('record.priceApproval', 'A manager’s approval of this price')}
                          intro={t('record.priceApprovalIntro', 'Above the signed quote, the record is saved only with a manager’s approval of this price (or a new consent).')}
                          button={t('record.askPriceApproval', 'Ask a manager to approve this price')}
                          testId="price-approval"
                        />
                      </Box>
                    ) : null}
                  </Box>
                ) : null}
                {overQuoteError ? (
                  <Box paddingTop={4}>
                    <ErrorAlert title={t('record.overQuote', 'Above the quote the client signed')} message={overQuoteError} onClose={() => setErrors({})} testId="record-over-quote" />
                  </Box>
                ) : failure ? (
                  <Box paddingTop={4}>
                    <ErrorAlert message={failure} onClose={() => setFailure(null)} testId="record-error" />
                  </Box>
                ) : null}
                <Flex paddingTop={6}>
                  <Button onClick={save} loading={busy} disabled={!context?.consent || !practitioner}>
                    {t('record.save', 'Save the treatment record')}
                  </Button>
                </Flex>
              </Box>
            </Grid.Item>
          </Grid.Root>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
