import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { money, useT } from '../utils/i18n';

export interface Snapshot {
  currency: string;
  total: number;
  lines: Array<{ code: string; label: string; quantity: number; unitAmount: number; amount: number }>;
}

/** A frozen quote: each line with its quantity and amount, and the total, in NT$. */
export const QuoteTable = ({ snapshot }: { snapshot: Snapshot }) => {
  const { t, locale } = useT();
  return (
    <Table colCount={3} rowCount={snapshot.lines.length + 2} data-testid="quote">
      <Thead>
        <Tr>
          <Th>{t('quote.item', 'Item')}</Th>
          <Th>{t('quote.quantity', 'Quantity')}</Th>
          <Th>{t('quote.amount', 'Amount')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {snapshot.lines.map((l) => (
          <Tr key={l.code}>
            <Td>{l.label}</Td>
            <Td>{l.quantity}</Td>
            <Td>{money(l.amount, locale, snapshot.currency)}</Td>
          </Tr>
        ))}
        <Tr>
          <Td colSpan={2}>
            <Typography fontWeight="bold">{t('quote.total', 'Total')}</Typography>
          </Td>
          <Td>
            <Typography fontWeight="bold" data-testid="quote-total">
              {money(snapshot.total, locale, snapshot.currency)}
            </Typography>
          </Td>
        </Tr>
      </Tbody>
    </Table>
  );
};
