import { useState } from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Alert, Box, Button, Field, Flex, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { formatDateTime, useT } from '../utils/i18n';
import { errorMessage, fieldErrorsOf, useApi } from '../utils/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { Pager } from '../components/Pager';

interface Entry {
  seq: number;
  kind: string;
  subjectType: string;
  subjectId: string;
  digest: string;
  recordedAt: string;
  keyId: string;
  mac: string;
}
interface Head {
  seq: number;
  mac: string;
  recordedAt: string;
}
interface Report {
  ok: boolean;
  entries: number;
  head: Head | null;
  firstBroken: { seq: number | null; id: number | null; problem: string; message: string } | null;
  changedRows: Array<{ seq: number; kind: string; subjectId: string; message: string }>;
  unsealedRows: Array<{ kind: string; subjectId: string }>;
  expectedHead: { seq: number; mac: string; found: boolean } | null;
  checkedAt: string;
  ms: number;
}

const Mono = ({ children }: { children: React.ReactNode }) => <code style={{ fontFamily: 'monospace', fontSize: '1.2rem', wordBreak: 'break-all' }}>{children}</code>;

/**
 * 證據鏈: the tamper-evident ledger's head (the last entry's sequence number and MAC, as in the
 * managers' daily e-mail), a verification of the whole chain and of every sealed row against the
 * database — optionally against a head from outside — and the newest entries.
 */
export const LedgerPage = () => {
  const { t, locale } = useT();
  const { post } = useFetchClient();
  const [page, setPage] = useState(1);
  const { data, error, reload } = useApi<{ head: Head | null; results: Entry[]; pagination: { total: number; pageCount: number } }>(`/clinic-crm/ledger?page=${page}`);
  const [expect, setExpect] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    setReport(null);
    try {
      const res: any = await post('/clinic-crm/ledger/verify', expect.trim() ? { expect: expect.trim() } : {});
      setReport(res.data.data);
      reload();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const head = data?.head;
  return (
    <Page.Main>
      <Page.Title>{t('ledger.title', 'Evidence ledger')}</Page.Title>
      <Layouts.Header title={t('ledger.title', 'Evidence ledger')} subtitle={t('ledger.subtitle', 'Every consent, quote, price change, approval and audit event is sealed in a chain: a row changed or removed afterwards, even by SQL, shows here.')} />
      <Layouts.Content>
        {error ? <ErrorAlert message={error} /> : null}
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="ledger-head">
            <Typography variant="delta" tag="h2">
              {t('ledger.head', 'Head of the chain')}
            </Typography>
            {head ? (
              <Box paddingTop={3}>
                <Typography tag="p">
                  #{head.seq} · {formatDateTime(head.recordedAt, locale)}
                </Typography>
                <Mono>{head.mac}</Mono>
              </Box>
            ) : (
              <Typography tag="p" textColor="neutral600">
                {t('ledger.empty', 'No entries yet.')}
              </Typography>
            )}
            <Flex gap={3} paddingTop={5} alignItems="flex-end" wrap="wrap">
              <Box style={{ flex: '1 1 420px' }}>
                <Field.Root name="expect" error={errors.expect} hint={t('ledger.expectHint', 'Optional: the head from the daily e-mail (seq:mac), to prove the chain was not rewritten since.')}>
                  <Field.Label>{t('ledger.expect', 'Head from the e-mail')}</Field.Label>
                  <TextInput value={expect} onChange={(e: any) => setExpect(e.target.value)} placeholder="1234:3f9a…" />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Box>
              <Button onClick={verify} loading={busy}>
                {t('ledger.verify', 'Verify')}
              </Button>
            </Flex>
            {failure && !errors.expect ? (
              <Box paddingTop={4}>
                <ErrorAlert message={failure} onClose={() => setFailure(null)} />
              </Box>
            ) : null}
            {report ? (
              <Box paddingTop={5} data-testid="ledger-report" data-ok={String(report.ok)}>
                <Alert
                  variant={report.ok ? 'success' : 'danger'}
                  title={report.ok ? t('ledger.intact', 'Intact') : t('ledger.broken', 'Not intact')}
                  closeLabel={t('common.close', 'Close')}
                  onClose={() => setReport(null)}
                >
                  {t('ledger.summary', '{n} entries checked in {ms} ms, {at}.', { n: report.entries, ms: report.ms, at: formatDateTime(report.checkedAt, locale) })}
                </Alert>
                {report.expectedHead ? (
                  <Typography tag="p" textColor={report.expectedHead.found ? 'success600' : 'danger600'}>
                    {report.expectedHead.found
                      ? t('ledger.expectFound', 'The head #{seq} from the e-mail is in the chain.', { seq: report.expectedHead.seq })
                      : t('ledger.expectMissing', 'The head #{seq} from the e-mail is not in the chain: it was rewritten.', { seq: report.expectedHead.seq })}
                  </Typography>
                ) : null}
                {report.firstBroken ? (
                  <Box paddingTop={3} data-testid="ledger-first-broken">
                    <Typography variant="sigma" textColor="danger600">
                      {t('ledger.firstBroken', 'First broken link')}
                    </Typography>
                    <Typography tag="p">
                      {t('ledger.entry', 'Entry #{seq}', { seq: report.firstBroken.seq ?? '?' })}：{report.firstBroken.message}
                    </Typography>
                  </Box>
                ) : null}
                {report.changedRows.length ? (
                  <Box paddingTop={3} data-testid="ledger-changed">
                    <Typography variant="sigma" textColor="danger600">
                      {t('ledger.changed', 'Rows changed after they were sealed ({n})', { n: report.changedRows.length })}
                    </Typography>
                    {report.changedRows.map((r) => (
                      <Typography tag="p" key={`${r.seq}-${r.subjectId}`}>
                        #{r.seq} {t(`ledger.kind.${r.kind}`, r.kind)} {r.subjectId}：{r.message}
                      </Typography>
                    ))}
                  </Box>
                ) : null}
                {report.unsealedRows.length ? (
                  <Box paddingTop={3} data-testid="ledger-unsealed">
                    <Typography variant="sigma" textColor="danger600">
                      {t('ledger.unsealed', 'Rows never sealed ({n})', { n: report.unsealedRows.length })}
                    </Typography>
                    {report.unsealedRows.map((r) => (
                      <Typography tag="p" key={`${r.kind}-${r.subjectId}`}>
                        {t(`ledger.kind.${r.kind}`, r.kind)} {r.subjectId}
                      </Typography>
                    ))}
                  </Box>
                ) : null}
              </Box>
            ) : null}
          </Box>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Typography variant="delta" tag="h2">
              {t('ledger.newest', 'Newest entries')}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {data ? t('ledger.total', '{n} entries', { n: data.pagination.total }) : ''}
            </Typography>
            <Table colCount={5} rowCount={(data?.results.length ?? 0) + 1} data-testid="ledger-entries">
              <Thead>
                <Tr>
                  <Th>#</Th>
                  <Th>{t('ledger.when', 'Sealed at')}</Th>
                  <Th>{t('ledger.kindLabel', 'What')}</Th>
                  <Th>{t('ledger.subject', 'Record')}</Th>
                  <Th>MAC</Th>
                </Tr>
              </Thead>
              <Tbody>
                {data?.results.map((e) => (
                  <Tr key={e.seq}>
                    <Td>{e.seq}</Td>
                    <Td>{formatDateTime(e.recordedAt, locale)}</Td>
                    <Td>{t(`ledger.kind.${e.kind}`, e.kind)}</Td>
                    <Td>
                      <Mono>{e.subjectId}</Mono>
                    </Td>
                    <Td>
                      <Mono>{e.mac.slice(0, 16)}…</Mono> <Typography variant="pi" textColor="neutral500">{e.keyId}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <Pager page={page} pageCount={data?.pagination.pageCount} onPage={setPage} />
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
