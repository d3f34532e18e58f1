import { useState } from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { contraindicationLabel } from '../../../../server/src/clients/domain/contraindications';
import { apiLanguage, formatDateTime, useT } from '../../utils/i18n';
import { Approval, approvalWhat } from '../../utils/approvals';
import { useApi } from '../../utils/useApi';
import { STATUS_BADGE } from '../../components/ApprovalRequest';
import { ErrorAlert } from '../../components/ErrorAlert';

const STATUSES = ['all', 'pending', 'approved', 'rejected'];

/** One list of approvals: reference (to the detail), kind, client, subject, what, requester, status. */
const ApprovalTable = ({ rows, testId, showRequester }: { rows: Approval[]; testId: string; showRequester: boolean }) => {
  const { t, locale } = useT();
  const contra = (c: string) => contraindicationLabel(c, apiLanguage(locale));
  if (rows.length === 0) {
    return (
      <Box padding={4} data-testid={testId} data-empty="true">
        <Typography textColor="neutral600">{t('approvals.none', 'Nothing here.')}</Typography>
      </Box>
    );
  }
  return (
    <Table colCount={showRequester ? 7 : 6} rowCount={rows.length + 1} data-testid={testId}>
      <Thead>
        <Tr>
          <Th>{t('approvals.reference', 'Reference')}</Th>
          <Th>{t('approvals.kind', 'Kind')}</Th>
          <Th>{t('approvals.client', 'Client')}</Th>
          <Th>{t('approvals.subject', 'Treatment / complaint')}</Th>
          <Th>{t('approvals.what', 'What')}</Th>
          {showRequester ? <Th>{t('approvals.requestedBy', 'Asked by')}</Th> : null}
          <Th>{t('approvals.status', 'Status')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((a) => (
          <Tr key={a.documentId} data-testid={`approval-${a.referenceNumber}`}>
            <Td>
              <Link to={a.documentId}>{a.referenceNumber}</Link>
              <Typography tag="p" variant="pi" textColor="neutral600">
                {formatDateTime(a.requestedAt, locale)}
              </Typography>
            </Td>
            <Td>{t(`approvals.kind.${a.kind}`, a.kind)}</Td>
            <Td>{a.client ? `${a.client.fullName}（${a.client.clientNumber}）` : '—'}</Td>
            <Td>{a.treatment?.name ?? a.complaint?.referenceNumber ?? '—'}</Td>
            <Td>{approvalWhat(a, contra)}</Td>
            {showRequester ? <Td>{a.requestedBy?.fullName ?? '—'}</Td> : null}
            <Td>
              <Badge variant={STATUS_BADGE[a.approvalStatus]}>{t(`approvals.status.${a.approvalStatus}`, a.approvalStatus)}</Badge>
              {a.usedAt ? (
                <Typography tag="p" variant="pi" textColor="neutral600">
                  {t('approvals.used', 'used')}
                </Typography>
              ) : null}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/**
 * 核准: what I may decide (pending: a doctor the contraindication reviews, a manager prices above
 * the signed quote and large refunds) and what I asked for, with its status. Each opens its detail
 * (approvals/:documentId, the link in the e-mail), where the approver decides.
 */
export const ApprovalsPage = () => {
  const { t } = useT();
  const [status, setStatus] = useState('all');
  const { data, error, reload, loading } = useApi<{ toDecide: Approval[]; mine: Approval[] }>(`/clinic-crm/approvals?status=${status}`);
  return (
    <Page.Main>
      <Page.Title>{t('approvals.title', 'Approvals')}</Page.Title>
      <Layouts.Header
        title={t('approvals.title', 'Approvals')}
        subtitle={t('approvals.subtitle', 'A second person’s decision, signed in as themselves: a doctor reviews a contraindication, a manager a price above the signed quote or a large refund.')}
        primaryAction={
          <Button variant="secondary" onClick={reload} loading={loading}>
            {t('common.refresh', 'Refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        {error ? <ErrorAlert message={error} /> : null}
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Typography variant="delta" tag="h2">
              {t('approvals.toDecide', 'Waiting for my decision')}
            </Typography>
            <Box paddingTop={3}>{data ? <ApprovalTable rows={data.toDecide} testId="approvals-to-decide" showRequester /> : null}</Box>
          </Box>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex justifyContent="space-between" alignItems="flex-end">
              <Typography variant="delta" tag="h2">
                {t('approvals.mine', 'My requests')}
              </Typography>
              <Box width="200px">
                <SingleSelect aria-label={t('approvals.status', 'Status')} value={status} onChange={(v: any) => setStatus(String(v))}>
                  {STATUSES.map((s) => (
                    <SingleSelectOption key={s} value={s}>
                      {s === 'all' ? t('audit.all', 'All') : t(`approvals.status.${s}`, s)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
            </Flex>
            <Box paddingTop={3}>{data ? <ApprovalTable rows={data.mine} testId="approvals-mine" showRequester={false} /> : null}</Box>
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
