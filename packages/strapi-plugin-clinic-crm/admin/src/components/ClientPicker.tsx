import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import { useT } from '../utils/i18n';

export interface PickedClient {
  documentId: string;
  clientNumber: string;
  fullName: string;
  preferredName?: string | null;
  phone?: string | null;
  email?: string | null;
  preferredLanguage?: string | null;
}

const Choice = styled.button`
  display: block;
  width: 100%;
  text-align: left;
  padding: 8px 12px;
  border: 0;
  background: ${({ theme }) => theme.colors.neutral0};
  cursor: pointer;
  font-size: 1.4rem;
  &:hover,
  &:focus {
    background: ${({ theme }) => theme.colors.primary100};
  }
`;

/** Finds a client by name, phone (with or without dashes) or client number as staff type. */
export const ClientPicker = ({ value, onChange, error }: { value: PickedClient | null; onChange: (c: PickedClient | null) => void; error?: string }) => {
  const { t } = useT();
  const { get } = useFetchClient();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PickedClient[]>([]);

  useEffect(() => {
    if (value || q.trim().length < 1) {
      setResults([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      get(`/clinic-crm/desk/clients?q=${encodeURIComponent(q.trim())}`)
        .then((res: any) => live && setResults(res.data.data ?? []))
        .catch(() => live && setResults([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, value]);

  if (value) {
    return (
      <Field.Root name="client" error={error}>
        <Field.Label>{t('desk.client', 'Client')}</Field.Label>
        <Flex gap={3} alignItems="center" paddingTop={1}>
          <Typography fontWeight="bold" data-testid="picked-client">
            {value.fullName}（{value.clientNumber}）{value.phone ? ` · ${value.phone}` : ''}
          </Typography>
          <Typography tag="button" type="button" textColor="primary600" onClick={() => onChange(null)} style={{ background: 'none', border: 0, cursor: 'pointer' }}>
            {t('desk.changeClient', 'Change')}
          </Typography>
        </Flex>
        <Field.Error />
      </Field.Root>
    );
  }
  return (
    <Field.Root name="clientSearch" error={error} hint={t('desk.clientSearchHint', 'Name, phone or client number. Leave empty if the person is not a client.')}>
      <Field.Label>{t('desk.clientSearch', 'Find the client')}</Field.Label>
      <TextInput value={q} onChange={(e: any) => setQ(e.target.value)} autoComplete="off" />
      <Field.Hint />
      <Field.Error />
      {results.length ? (
        <Box borderColor="neutral200" hasRadius marginTop={1} role="listbox" aria-label={t('desk.clientResults', 'Matching clients')}>
          {results.map((c) => (
            <Choice key={c.documentId} type="button" role="option" aria-selected={false} onClick={() => onChange(c)}>
              {c.fullName}（{c.clientNumber}）· {c.phone ?? '—'}
            </Choice>
          ))}
        </Box>
      ) : null}
    </Field.Root>
  );
};
