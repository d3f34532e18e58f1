import { useState } from 'react';
import { Layouts, Page, useAuth, useFetchClient } from '@strapi/strapi/admin';
import { usePluginPermissions } from '../utils/permissions';
import { Box, Button, Flex, ProgressBar, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { PLUGIN_ID } from '../pluginId';
import { useT } from '../utils/i18n';
import { errorMessage } from '../utils/useApi';

type RowResult = { line: number; result: 'created' | 'exists' | 'valid' | 'error'; clientNumber?: string; errors?: Array<{ field: string; message: string }> };
interface Chunk {
  total: number;
  nextOffset: number | null;
  unknownColumns: string[];
  rows: RowResult[];
}

const CHUNK = 100;

const countOf = (rows: RowResult[], r: RowResult['result']) => rows.filter((x) => x.result === r).length;

/** Errors as a CSV the clinic can fix and import again. */
const errorReport = (rows: RowResult[]) =>
  '\ufeffline,field,message\r\n' +
  rows
    .filter((r) => r.result === 'error')
    .flatMap((r) => (r.errors ?? []).map((e) => [r.line, e.field, `"${e.message.replace(/"/g, '""')}"`].join(',')))
    .join('\r\n');

const download = (name: string, body: BlobPart, type = 'text/csv;charset=utf-8') => {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

const ImportClients = () => {
  const { t } = useT();
  const { post } = useFetchClient();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [phase, setPhase] = useState<'idle' | 'previewing' | 'previewed' | 'importing' | 'done'>('idle');
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [rows, setRows] = useState<RowResult[]>([]);
  const [unknown, setUnknown] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!csv) return;
    setFailure(null);
    setPhase(dryRun ? 'previewing' : 'importing');
    const all: RowResult[] = [];
    let offset: number | null = 0;
    try {
      while (offset !== null) {
        const res: any = await post(`/${PLUGIN_ID}/import/clients`, { csv, offset, limit: dryRun ? 1000 : CHUNK, dryRun });
        const chunk: Chunk = res.data.data;
        all.push(...chunk.rows);
        setUnknown(chunk.unknownColumns);
        setProgress({ done: all.length, total: chunk.total });
        setRows([...all]);
        offset = chunk.nextOffset;
      }
      setPhase(dryRun ? 'previewed' : 'done');
    } catch (e) {
      // rows already answered are kept and shown; the rest can be imported again safely
      setFailure(errorMessage(e));
      setPhase(dryRun ? 'idle' : 'done');
    }
  };

  const errors = rows.filter((r) => r.result === 'error');
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Typography variant="delta" tag="h2">
        {t('import.title', 'Import clients from CSV')}
      </Typography>
      <Typography tag="p" variant="pi" textColor="neutral600">
        {t('import.help', 'Columns (zh-Hant, zh-Hans or English headers): client number, name, phone (required); preferred name, gender, date of birth, e-mail, language, aesthetic goals, first-contact staff e-mail. Health history is not imported: a nurse or doctor records it.')}
      </Typography>
      <Flex gap={3} paddingTop={4} paddingBottom={4}>
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="import-file"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            setRows([]);
            setPhase('idle');
            setFileName(f?.name ?? '');
            setCsv(f ? await f.text() : null);
          }}
        />
        <Button variant="secondary" disabled={!csv || phase === 'previewing' || phase === 'importing'} onClick={() => run(true)}>
          {t('import.preview', 'Check file')}
        </Button>
        <Button disabled={phase !== 'previewed' || countOf(rows, 'valid') === 0} onClick={() => run(false)} data-testid="import-run">
          {t('import.run', 'Import valid rows')}
        </Button>
      </Flex>
      {phase !== 'idle' || rows.length ? (
        <Box paddingBottom={4}>
          <ProgressBar value={pct} size="M" />
          <Typography variant="pi" data-testid="import-progress">
            {fileName} · {progress.done}/{progress.total} · {t('import.created', 'created')} {countOf(rows, 'created')} · {t('import.valid', 'valid')} {countOf(rows, 'valid')} · {t('import.exists', 'already there')} {countOf(rows, 'exists')} · {t('import.errors', 'errors')} {errors.length}
          </Typography>
        </Box>
      ) : null}
      {unknown.length ? (
        <Typography tag="p" textColor="warning600">
          {t('import.unknownColumns', 'Columns not imported')}: {unknown.join(', ')}
        </Typography>
      ) : null}
      {failure ? (
        <Typography tag="p" textColor="danger600">
          {failure}
        </Typography>
      ) : null}
      {errors.length ? (
        <>
          <Flex justifyContent="space-between" paddingTop={2} paddingBottom={2}>
            <Typography variant="sigma">{t('import.rowErrors', 'Rows skipped, with the reason')}</Typography>
            <Button size="S" variant="tertiary" onClick={() => download('client-import-errors.csv', errorReport(rows))}>
              {t('import.downloadErrors', 'Download error report')}
            </Button>
          </Flex>
          <Table colCount={3} rowCount={Math.min(errors.length, 200) + 1}>
            <Thead>
              <Tr>
                <Th>{t('import.line', 'Line')}</Th>
                <Th>{t('import.field', 'Column')}</Th>
                <Th>{t('import.message', 'Problem')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {errors.slice(0, 200).flatMap((r) =>
                (r.errors ?? []).map((e, i) => (
                  <Tr key={`${r.line}-${i}`}>
                    <Td>{r.line}</Td>
                    <Td>{e.field}</Td>
                    <Td>{e.message}</Td>
                  </Tr>
                ))
              )}
            </Tbody>
          </Table>
        </>
      ) : null}
    </Box>
  );
};

const ExportButton = ({ kind, label }: { kind: string; label: string }) => {
  const { t } = useT();
  const token = useAuth('ClinicCrmExport', (s: any) => s.token);
  const [progress, setProgress] = useState<{ rows: number; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setFailure(null);
    try {
      const res = await fetch(`${window.strapi?.backendURL ?? ''}/${PLUGIN_ID}/export/${kind}`, { headers: { Authorization: `Bearer ${token}` }, credentials: 'include' });
      if (!res.ok || !res.body) throw new Error(`${res.status} ${res.statusText}`);
      const total = Number(res.headers.get('X-Total-Count') ?? 0);
      const reader = res.body.getReader();
      const parts: Uint8Array[] = [];
      let lines = -1; // the header line
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const b of value) if (b === 10) lines += 1;
        setProgress({ rows: Math.max(lines, 0), total });
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `${kind}.csv`;
      download(name, new Blob(parts as BlobPart[]));
    } catch (e: any) {
      setFailure(e?.message ?? 'error');
    }
  };
  return (
    <Flex direction="column" alignItems="flex-start" gap={2}>
      <Button variant="secondary" onClick={run}>
        {label}
      </Button>
      {progress ? (
        <Typography variant="pi">
          {progress.rows}/{progress.total} {t('export.rows', 'rows')}
        </Typography>
      ) : null}
      {failure ? <Typography textColor="danger600">{failure}</Typography> : null}
    </Flex>
  );
};

declare global {
  interface Window {
    strapi?: { backendURL?: string };
  }
}

export const ImportExportPage = () => {
  const { t } = useT();
  const { isLoading, can } = usePluginPermissions();
  const allowedActions = { canImport: can('clients.import'), canExport: can('data.export') };
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canImport && !allowedActions.canExport) return <Page.NoPermissions />;
  return (
    <Page.Main>
      <Page.Title>{t('nav.importExport', 'Import / export')}</Page.Title>
      <Layouts.Header title={t('nav.importExport', 'Import / export')} subtitle={t('import.subtitle', 'Every row is accounted for: imported, already there, or reported with its line and reason.')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {allowedActions.canImport ? <ImportClients /> : null}
          {allowedActions.canExport ? (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
              <Typography variant="delta" tag="h2">
                {t('export.title', 'Export as CSV')}
              </Typography>
              <Typography tag="p" variant="pi" textColor="neutral600">
                {t('export.help', 'UTF-8 with BOM (opens in Excel). Descriptions, contact details and clinical notes are not exported.')}
              </Typography>
              <Flex gap={6} paddingTop={4} alignItems="flex-start">
                <ExportButton kind="complaints" label={t('export.complaints', 'Complaints')} />
                <ExportButton kind="follow-up-tasks" label={t('export.tasks', 'Follow-up tasks')} />
              </Flex>
            </Box>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
