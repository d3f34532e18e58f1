import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Alert, Badge, Box, Button, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { contraindicationLabel } from '../../../server/src/clients/domain/contraindications';
import { apiLanguage, formatDateTime, useT } from '../utils/i18n';
import { Approval, ApprovalKind, approvalWhat, isExpired, isUsable } from '../utils/approvals';
import { errorMessage, fieldErrorsOf } from '../utils/useApi';
import { ErrorAlert } from './ErrorAlert';

export const STATUS_BADGE: Record<string, 'warning' | 'success' | 'danger'> = { pending: 'warning', approved: 'success', rejected: 'danger' };

/**
 * Asks another person for an approval from the screen that needs it (a price above the signed
 * quote: a manager; a contraindication: a doctor) and follows it: the reference, its status
 * (重新整理 asks the server again) and, once approved, hands its documentId to the screen
 * (`onUsable`), which sends it with the record or the signature. An earlier request of mine for
 * the same thing, still usable, is picked up again (after a reload of the page).
 */
export const ApprovalRequest = ({
  kind,
  payload,
  matches,
  covers = () => true,
  onUsable,
  title,
  intro,
  button,
  testId,
}: {
  kind: ApprovalKind;
  /** The request's body besides kind and reason (client, treatment, consentRecord, priceSnapshot…). */
  payload: Record<string, unknown>;
  /** Whether an approval of mine is for this same subject (client, treatment or consent). */
  matches: (a: Approval) => boolean;
  /** Whether the approval covers what is on screen now (e.g. the price approved ≥ the price now). */
  covers?: (a: Approval) => boolean;
  onUsable: (documentId: string | null) => void;
  title: string;
  intro: string;
  button: string;
  testId: string;
}) => {
  const { t, locale } = useT();
  const { get, post } = useFetchClient();
  const [approval, setApproval] = useState<Approval | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const subjectKey = JSON.stringify({ kind, client: payload.client, treatment: payload.treatment, consentRecord: payload.consentRecord });

  // an earlier request of mine for the same subject, not yet used
  useEffect(() => {
    let live = true;
    setApproval(null);
    get('/clinic-crm/approvals?status=all')
      .then((res: any) => {
        if (!live) return;
        const mine: Approval[] = res.data.data?.mine ?? [];
        const found = mine.find((a) => a.kind === kind && matches(a) && !a.usedAt && !isExpired(a) && a.approvalStatus !== 'rejected');
        setApproval(found ?? null);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [subjectKey]);

  const usable = approval && isUsable(approval) && covers(approval) ? approval.documentId : null;
  useEffect(() => onUsable(usable), [usable]);
  // gone from the screen (another client, treatment or a price within the quote): nothing to send
  useEffect(() => () => onUsable(null), []);

  const refresh = async () => {
    if (!approval) return;
    setBusy(true);
    setFailure(null);
    try {
      const res: any = await get(`/clinic-crm/approvals/${approval.documentId}`);
      setApproval(res.data.data);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const request = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const res: any = await post('/clinic-crm/approvals', { kind, ...payload, reason });
      setApproval(res.data.data);
      setReason('');
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const contra = (code: string) => contraindicationLabel(code, apiLanguage(locale));
  const stale = approval && !covers(approval);
  const askAgain = !approval || approval.approvalStatus === 'rejected' || stale || (approval && (approval.usedAt || isExpired(approval)));

  return (
    <Box background="neutral100" padding={4} hasRadius data-testid={testId}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h3">
          {title}
        </Typography>
        {approval ? (
          <Box data-testid={`${testId}-status`} data-status={approval.approvalStatus}>
            <Flex gap={2} wrap="wrap">
              <Typography fontWeight="bold">
                <Link to={`../approvals/${approval.documentId}`} data-testid={`${testId}-reference`}>
                  {approval.referenceNumber}
                </Link>
              </Typography>
              <Badge variant={STATUS_BADGE[approval.approvalStatus]}>{t(`approvals.status.${approval.approvalStatus}`, approval.approvalStatus)}</Badge>
              <Typography textColor="neutral700">{approvalWhat(approval, contra)}</Typography>
            </Flex>
            <Typography tag="p" variant="pi" textColor="neutral600">
              {approval.approvalStatus === 'pending'
                ? t('approvals.waiting', 'Asked {at}; the approver was e-mailed. Refresh once they have decided.', { at: formatDateTime(approval.requestedAt, locale) })
                : t('approvals.decidedLine', '{who}, {at}: {note}', { who: approval.decidedBy?.fullName ?? '—', at: formatDateTime(approval.decidedAt, locale), note: approval.decisionNote ?? '—' })}
            </Typography>
            {usable ? (
              <Box paddingTop={2}>
                <Alert variant="success" title={t('approvals.usable', 'Approved')} closeLabel={t('common.close', 'Close')} onClose={() => undefined}>
                  {t('approvals.usableText', 'It is sent with this record; no other record can use it.')}
                </Alert>
              </Box>
            ) : null}
            {stale ? (
              <Typography tag="p" textColor="danger600">
                {t('approvals.stale', 'The choices changed since the request: it does not cover them. Ask again.')}
              </Typography>
            ) : null}
            {approval.approvalStatus === 'pending' ? (
              <Box paddingTop={2}>
                <Button variant="secondary" onClick={refresh} loading={busy}>
                  {t('common.refresh', 'Refresh')}
                </Button>
              </Box>
            ) : null}
          </Box>
        ) : (
          <Typography tag="p" textColor="neutral700">
            {intro}
          </Typography>
        )}
        {askAgain ? (
          <>
            <Field.Root name="reason" error={errors.reason} required hint={t('approvals.reasonHint', 'Why it is needed; the approver reads it in the e-mail.')}>
              <Field.Label>{t('approvals.reason', 'Reason')}</Field.Label>
              <Textarea value={reason} onChange={(e: any) => setReason(e.target.value)} maxLength={2000} />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            <Flex>
              <Button variant="secondary" onClick={request} loading={busy} disabled={reason.trim().length === 0}>
                {button}
              </Button>
            </Flex>
          </>
        ) : null}
        {failure && !errors.reason ? <ErrorAlert message={failure} onClose={() => setFailure(null)} testId={`${testId}-error`} /> : null}
      </Flex>
    </Box>
  );
};
