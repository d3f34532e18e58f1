import { useState } from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { apiLanguage, useT } from '../utils/i18n';
import { useApi } from '../utils/useApi';

const LANGS = [
  ['zh-Hant', '繁體中文'],
  ['zh-Hans', '简体中文'],
  ['en', 'English'],
] as const;

interface Fee {
  code: string;
  label: string;
  formatted: string;
  unitLabel?: string;
  note?: string | null;
}

/** Exactly what GET /api/clinic-crm/price-table returns right now, per locale. */
export const PricePreviewPage = () => {
  const { t, locale } = useT();
  const [lang, setLang] = useState<string>(apiLanguage(locale));
  const { data, error, loading, reload } = useApi<{ locale: string; etag: string; table: any }>(`/clinic-crm/price-table/preview?locale=${lang}`);
  if (error) return <Page.Error />;
  const categories = data?.table?.data?.categories ?? [];
  return (
    <Page.Main>
      <Page.Title>{t('prices.title', 'Price table preview')}</Page.Title>
      <Layouts.Header
        title={t('prices.title', 'Price table preview')}
        subtitle={t('prices.subtitle', 'What the clinic website receives from /api/clinic-crm/price-table now: published treatments only, every fee listed.')}
        primaryAction={<Button variant="secondary" onClick={reload}>{t('common.refresh', 'Refresh')}</Button>}
      />
      <Layouts.Content>
        <Flex gap={2} paddingBottom={4}>
          {LANGS.map(([code, label]) => (
            <Button key={code} variant={code === lang ? 'default' : 'tertiary'} onClick={() => setLang(code)}>
              {label}
            </Button>
          ))}
          <Typography variant="pi" textColor="neutral500">
            ETag {data?.etag}
          </Typography>
        </Flex>
        {loading && !data ? <Page.Loading /> : null}
        {categories.map((c: any) => (
          <Box key={c.key} paddingBottom={6}>
            <Typography variant="beta" tag="h2">
              {c.label}
            </Typography>
            {c.treatments.map((tr: any) => (
              <Box key={tr.slug} paddingTop={3}>
                <Typography variant="delta" tag="h3">
                  {tr.name} — {tr.basePriceFormatted}
                </Typography>
                <Table colCount={3} rowCount={tr.feeItems.length + tr.addOns.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>{t('prices.item', 'Item')}</Th>
                      <Th>{t('prices.amount', 'Amount')}</Th>
                      <Th>{t('prices.note', 'Note')}</Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {[...tr.feeItems, ...tr.addOns].map((f: Fee) => (
                      <Tr key={f.code}>
                        <Td>{f.label}</Td>
                        <Td>
                          {f.formatted} {f.unitLabel ? `/ ${f.unitLabel}` : ''}
                        </Td>
                        <Td>{f.note ?? ''}</Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              </Box>
            ))}
          </Box>
        ))}
        <Typography variant="pi" textColor="neutral600">
          {data?.table?.meta?.note}
        </Typography>
      </Layouts.Content>
    </Page.Main>
  );
};
