import { Flex, Typography } from '@strapi/design-system';
import { useT } from '../utils/i18n';

/** What a chart shows when its period has nothing to count, instead of empty axes. */
export const NoData = ({ testId, height = 120 }: { testId?: string; height?: number }) => {
  const { t } = useT();
  return (
    <Flex height={`${height}px`} justifyContent="center" alignItems="center" background="neutral100" hasRadius data-testid={testId} data-empty="true">
      <Typography textColor="neutral600">{t('common.noData', 'No data for this period yet.')}</Typography>
    </Flex>
  );
};
