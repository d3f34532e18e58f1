import { Alert } from '@strapi/design-system';
import { useT } from '../utils/i18n';

/** The server's answer when it names no field of the form: shown above the form's button. */
export const ErrorAlert = ({ message, title, onClose, testId }: { message: React.ReactNode; title?: string; onClose?: () => void; testId?: string }) => {
  const { t } = useT();
  return (
    <Alert variant="danger" title={title ?? t('common.error', 'Error')} closeLabel={t('common.close', 'Close')} onClose={onClose ?? (() => undefined)} data-testid={testId}>
      {message}
    </Alert>
  );
};
