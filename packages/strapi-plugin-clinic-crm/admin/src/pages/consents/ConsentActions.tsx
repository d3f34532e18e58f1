import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Button, Flex, Typography } from '@strapi/design-system';
import { useT } from '../../utils/i18n';
import { errorMessage } from '../../utils/useApi';

/** Print (the signed consent as a page of its own) and verify (the stored content still matches its hash). */
export const ConsentActions = ({ documentId, contentHash }: { documentId: string; contentHash: string }) => {
  const { t } = useT();
  const { get } = useFetchClient();
  const [verdict, setVerdict] = useState<{ intact: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const print = async () => {
    const res: any = await get(`/clinic-crm/consent-records/${documentId}/print`, { responseType: 'text' } as any);
    const url = URL.createObjectURL(new Blob([res.data], { type: 'text/html' }));
    window.open(url, '_blank', 'noopener');
  };
  const verify = async () => {
    try {
      const res: any = await get(`/clinic-crm/consent-records/${documentId}/verify`);
      setVerdict(res.data.data);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  return (
    <Flex gap={3} wrap="wrap">
      <Button variant="secondary" onClick={print}>
        {t('sign.print', 'Print')}
      </Button>
      <Button variant="secondary" onClick={verify}>
        {t('sign.verify', 'Verify')}
      </Button>
      {verdict ? (
        <Badge data-testid="verify-result" textColor={verdict.intact ? 'success600' : 'danger600'}>
          {verdict.intact ? t('sign.intact', 'Intact: matches what was signed') : t('sign.altered', 'Altered since it was signed')}
        </Badge>
      ) : null}
      {problem ? <Typography textColor="danger600">{problem}</Typography> : null}
      <Typography variant="pi" textColor="neutral600" style={{ fontFamily: 'monospace' }}>
        SHA-256 {contentHash.slice(0, 16)}…
      </Typography>
    </Flex>
  );
};
