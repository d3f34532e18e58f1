import { useState } from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Alert, Badge, Box, Button, Field, Flex, Grid, Textarea, Typography } from '@strapi/design-system';
import { Link, useParams } from 'react-router-dom';
import { contraindicationLabel } from '../../../../server/src/clients/domain/contraindications';
import { apiLanguage, formatDateTime, money, useT } from '../../utils/i18n';
import { Approval, isExpired } from '../../utils/approvals';
import { errorMessage, fieldErrorsOf, useApi } from '../../utils/useApi';
import { STATUS_BADGE } from '../../components/ApprovalRequest';
import { ErrorAlert } from '../../components/ErrorAlert';

const APPROVER: Record<string, string> = { contraindication_override: 'doctor', price_change: 'management', refund: 'management' };

const Row = ({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) => (
  <Box paddingBottom={3} data-testid={testId}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography tag="div">{children}</Typography>
  </Box>
);

/**
 * One approval (the link in the e-mail): what is asked, by whom and why; for the person who may
 * decide it, 核准 / 退回 with a note, as themselves; once decided, who decided, when and the note.
 */
export const ApprovalDetailPage = () => {
  const { documentId } = useParams();
  const { t, locale } = useT();
  const { post } = useFetchClient();
  const { data: a, error, reload } = useApi<Approval>(`/clinic-crm/approvals/${documentId}`);
  const { data: lists, reload: reloadLists } = useApi<{ toDecide: Approval[] }>('/clinic-crm/approvals?status=pending');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const contra = (c: string) => contraindicationLabel(c, apiLanguage(locale));
  const mayDecide = !!a && a.approvalStatus === 'pending' && !!lists?.toDecide.some((x) => x.documentId === a.documentId);

  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(decision);
    setErrors({});
    setFailure(null);
    try {
      await post(`/clinic-crm/approvals/${documentId}/decide`, { decision, note });
      setNote('');
      reload();
      reloadLists();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setFailure(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const d = a?.details ?? {};
  return (
    <Page.Main>
      <Page.Title>{t('approvals.title', 'Approvals')}</Page.Title>
      <Layouts.Header
        title={a ? `${t('approvals.title', 'Approvals')} ${a.referenceNumber}` : t('approvals.title', 'Approvals')}
        subtitle={a ? t(`approvals.kind.${a.kind}`, a.kind) : undefined}
        navigationAction={<Link to="../approvals">{t('common.back', 'Back')}</Link>}
      />
      <Layouts.Content>
        {error ? <ErrorAlert message={error} /> : null}
        {a ? (
          <Grid.Root gap={6}>
            <Grid.Item col={7} xs={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="approval-detail">
                <Flex gap={2} paddingBottom={4}>
                  <Badge variant={STATUS_BADGE[a.approvalStatus]} data-testid="approval-status">
                    {t(`approvals.status.${a.approvalStatus}`, a.approvalStatus)}
                  </Badge>
                  {a.usedAt ? <Badge>{t('approvals.used', 'used')}</Badge> : null}
                  {a.approvalStatus === 'pending' && isExpired(a) ? <Badge variant="danger">{t('approvals.expired', 'expired')}</Badge> : null}
                </Flex>
                <Row label={t('approvals.kind', 'Kind')}>{t(`approvals.kind.${a.kind}`, a.kind)}</Row>
                <Row label={t('approvals.client', 'Client')}>{a.client ? <Link to={`../timeline/${a.client.documentId}`}>{`${a.client.fullName}（${a.client.clientNumber}）`}</Link> : '—'}</Row>
                <Row label={t('approvals.subject', 'Treatment / complaint')}>
                  {a.complaint ? <Link to={`../complaints/${a.complaint.documentId}`}>{a.complaint.referenceNumber}</Link> : (a.treatment?.name ?? '—')}
                </Row>
                {a.kind === 'contraindication_override' ? (
                  <Row label={t('approvals.contraindications', 'Contraindications')} testId="approval-what">
                    {(d.contraindications ?? []).map(contra).join('、')}
                  </Row>
                ) : a.kind === 'price_change' ? (
                  <Row label={t('approvals.price', 'Signed quote → requested total')} testId="approval-what">
                    {money(d.quotedTotal, undefined, d.currency)} → <b>{money(d.requestedTotal, undefined, d.currency)}</b>
                  </Row>
                ) : (
                  <Row label={t('approvals.refund', 'Refund')} testId="approval-what">
                    {money(d.refundAmount, undefined, d.currency)}
                  </Row>
                )}
                <Row label={t('approvals.reason', 'Reason')}>{a.requestReason ?? '—'}</Row>
                <Row label={t('approvals.requestedBy', 'Asked by')}>
                  {a.requestedBy ? `${a.requestedBy.fullName} · ${t(`department.${a.requestedBy.department}`, a.requestedBy.department)}` : '—'} · {formatDateTime(a.requestedAt, locale)}
                </Row>
                <Row label={t('approvals.expires', 'Valid until')}>{formatDateTime(a.expiresAt, locale)}</Row>
              </Box>
            </Grid.Item>
            <Grid.Item col={5} xs={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
                {a.approvalStatus !== 'pending' ? (
                  <Box data-testid="approval-decision">
                    <Typography variant="delta" tag="h2">
                      {t('approvals.decision', 'Decision')}
                    </Typography>
                    <Box paddingTop={3}>
                      <Row label={t('approvals.decidedBy', 'Decided by')}>
                        {a.decidedBy ? `${a.decidedBy.fullName} · ${t(`department.${a.decidedBy.department}`, a.decidedBy.department)}` : '—'} · {formatDateTime(a.decidedAt, locale)}
                      </Row>
                      <Row label={t('approvals.note', 'Note')}>{a.decisionNote ?? '—'}</Row>
                    </Box>
                  </Box>
                ) : mayDecide ? (
                  <Flex direction="column" alignItems="stretch" gap={4} data-testid="approval-decide">
                    <Typography variant="delta" tag="h2">
                      {t('approvals.yourDecision', 'Your decision')}
                    </Typography>
                    <Field.Root name="note" error={errors.note} required hint={t('approvals.noteHint', 'Your assessment, or why you reject it; the requester is e-mailed it.')}>
                      <Field.Label>{t('approvals.note', 'Note')}</Field.Label>
                      <Textarea value={note} onChange={(e: any) => setNote(e.target.value)} maxLength={2000} />
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                    {failure && !errors.note ? <ErrorAlert message={failure} onClose={() => setFailure(null)} testId="approval-error" /> : null}
                    <Flex gap={3}>
                      <Button onClick={() => decide('approve')} loading={busy === 'approve'} disabled={!!busy || !note.trim()}>
                        {t('approvals.approve', 'Approve')}
                      </Button>
                      <Button variant="danger-light" onClick={() => decide('reject')} loading={busy === 'reject'} disabled={!!busy || !note.trim()}>
                        {t('approvals.reject', 'Reject')}
                      </Button>
                    </Flex>
                  </Flex>
                ) : (
                  <Alert variant="default" title={t('approvals.status.pending', 'Pending')} closeLabel={t('common.close', 'Close')} onClose={() => undefined}>
                    {t('approvals.waitingFor', 'Waiting for a decision by: {who}. The person who asked cannot decide it.', { who: t(`department.${APPROVER[a.kind]}`, APPROVER[a.kind]) })}
                  </Alert>
                )}
              </Box>
            </Grid.Item>
          </Grid.Root>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
};
