import { useEffect, useRef, useState } from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Alert, Box, Button, Typography } from '@strapi/design-system';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime, useT } from '../../utils/i18n';
import { errorMessage } from '../../utils/useApi';

interface Acknowledged {
  complaint: { documentId: string; referenceNumber: string };
  level: string;
  acknowledgedBy: string;
  acknowledgedAt: string;
}

/**
 * The urgent page's one-click link: the admin panel has signed the person in (or asked them to
 * first), and this page acknowledges at once as that person — the server checks the token (single
 * use, unexpired) and that they are the paged person or another doctor or manager.
 */
export const AcknowledgePage = () => {
  const { token = '' } = useParams();
  const { t, locale } = useT();
  const { post } = useFetchClient();
  const [done, setDone] = useState<Acknowledged | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return; // once, also when React mounts twice
    sent.current = true;
    post('/clinic-crm/urgent-pages/acknowledge', { token })
      .then((res: any) => setDone(res.data.data))
      .catch((e: any) => setFailure(errorMessage(e)));
  }, [token]);
  return (
    <Layouts.Root>
      <Page.Title>{t('ack.title', 'Acknowledge an urgent page')}</Page.Title>
      <Layouts.Header title={t('ack.title', 'Acknowledge an urgent page')} />
      <Layouts.Content>
        {!done && !failure ? <Page.Loading /> : null}
        {done ? (
          <Box>
            <Alert variant="success" closeLabel={t('common.close', 'Close')} title={t('ack.done', 'Acknowledged')}>
              {t('ack.doneText', '{name} acknowledged {reference} at {at}. No further pages will be sent; answer the client now.', {
                name: done.acknowledgedBy,
                reference: done.complaint.referenceNumber,
                at: formatDateTime(done.acknowledgedAt, locale),
              })}
            </Alert>
            <Box paddingTop={4}>
              <Button tag={Link} to={`/plugins/clinic-crm/complaints/${done.complaint.documentId}`}>{t('ack.open', 'Open the complaint')}</Button>
            </Box>
          </Box>
        ) : null}
        {failure ? (
          <Alert variant="danger" closeLabel={t('common.close', 'Close')} title={t('ack.refused', 'Not acknowledged')}>
            <Typography>{failure}</Typography>
          </Alert>
        ) : null}
      </Layouts.Content>
    </Layouts.Root>
  );
};
