import { Typography } from '@strapi/design-system';
import { useT } from '../../utils/i18n';

/** "1 h 20 m" in the interface language. */
export const useWait = () => {
  const { t } = useT();
  return (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h ? t('handoff.hoursMinutes', '{h} h {m} m', { h, m }) : t('handoff.minutes', '{m} m', { m });
  };
};

export interface StepTimerProps {
  accepted: boolean;
  overdue: boolean;
  waitedMinutes: number;
  testId?: string;
}

/** A hand-off step's timer: waiting (red once overdue) or accepted after how long. */
export const StepTimer = ({ accepted, overdue, waitedMinutes, testId }: StepTimerProps) => {
  const { t } = useT();
  const wait = useWait();
  if (accepted)
    return (
      <Typography textColor="success600" fontWeight="semiBold" data-testid={testId}>
        {t('handoff.acceptedAfter', 'Accepted after {wait}', { wait: wait(waitedMinutes) })}
      </Typography>
    );
  return (
    <Typography textColor={overdue ? 'danger600' : 'warning600'} fontWeight="semiBold" data-testid={testId} data-overdue={overdue ? 'true' : 'false'}>
      {overdue ? t('handoff.overdue', 'Overdue · waiting {wait}', { wait: wait(waitedMinutes) }) : t('handoff.waiting', 'Waiting {wait}', { wait: wait(waitedMinutes) })}
    </Typography>
  );
};
