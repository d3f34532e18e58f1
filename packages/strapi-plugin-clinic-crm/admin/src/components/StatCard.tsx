import { Box, Flex, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { styled } from 'styled-components';

const CardLink = styled(Link)`
  text-decoration: none;
  display: block;
  height: 100%;
  &:hover > div {
    box-shadow: ${({ theme }) => theme.shadows.popupShadow};
  }
`;

const TONE: Record<string, string> = { danger: 'danger600', warning: 'warning600', success: 'success600', neutral: 'neutral800' };

/** One dashboard figure; the whole card opens the filtered list it counts. */
export const StatCard = ({ label, value, link, tone = 'neutral', testId }: { label: string; value: number | string; link?: string; tone?: keyof typeof TONE; testId?: string }) => {
  const body = (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} height="100%">
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography variant="sigma" textColor="neutral600">
          {label}
        </Typography>
        <Typography variant="alpha" textColor={TONE[tone]} data-testid={testId}>
          {value}
        </Typography>
      </Flex>
    </Box>
  );
  return link ? <CardLink to={link}>{body}</CardLink> : body;
};
