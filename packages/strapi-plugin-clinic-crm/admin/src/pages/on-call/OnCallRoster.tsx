import { useMemo, useState } from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { useT } from '../../utils/i18n';
import { useApi } from '../../utils/useApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePluginPermissions } from '../../utils/permissions';

interface ShiftView {
  documentId: string;
  role: 'primary' | 'backup';
  staffName: string;
  staffActive: boolean;
  startsLocal: string;
  endsLocal: string;
  note: string | null;
}
interface Week {
  from: string;
  days: string[];
  today: string;
  timeZone: string;
  departments: string[];
  cells: Record<string, Record<string, ShiftView[]>>;
  shiftUid: string;
}

/** YYYY-MM-DD of today in Taipei, and date arithmetic on plain dates. */
const taipeiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** The Monday of the week a date is in. */
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * 值班表: a week of the on-call roster, days × departments, primary and backup names; today is
 * highlighted; each name opens the shift in the content manager (managers edit, everyone reads).
 * Urgent complaints page the primary of the department on call (see the README).
 */
export const OnCallRosterPage = () => {
  const { t, locale } = useT();
  const [from, setFrom] = useState(() => mondayOf(taipeiToday()));
  const week = useApi<Week>(`/clinic-crm/on-call/roster?from=${from}&days=7`);
  const { can, canContent } = usePluginPermissions();
  const dayLabel = useMemo(
    () => (date: string) => new Intl.DateTimeFormat(locale === 'zh' ? 'zh-Hant' : locale, { weekday: 'short', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)),
    [locale]
  );
  const dep = (d: string) => t(`onCall.department.${d}`, d);
  const time = (local: string, date: string) => (local.startsWith(date) ? local.slice(11) : local.slice(5));
  const data = week.data;
  const shown = data ? data.departments.filter((d) => d === 'doctor' || d === 'management' || data.days.some((day) => data.cells[day]?.[d]?.length)) : [];
  return (
    <Layouts.Root>
      <Page.Title>{t('onCall.title', 'On-call roster')}</Page.Title>
      <Layouts.Header
        title={t('onCall.title', 'On-call roster')}
        subtitle={t('onCall.subtitle', 'Urgent medical complaints page the primary on call at once; unacknowledged, the backup, then management.')}
        primaryAction={
          // only those who may add a shift (managers) see the button; the Content Manager refuses everyone else anyway
          data && canContent('create', data.shiftUid) ? (
            <Button tag={Link} to={`/content-manager/collection-types/${data.shiftUid}/create`} variant="secondary">
              {t('onCall.add', 'Add a shift')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex gap={2} paddingBottom={4}>
          <Button variant="tertiary" onClick={() => setFrom(addDays(from, -7))}>{t('onCall.previous', 'Previous week')}</Button>
          <Button variant="tertiary" onClick={() => setFrom(mondayOf(taipeiToday()))}>{t('onCall.thisWeek', 'This week')}</Button>
          <Button variant="tertiary" onClick={() => setFrom(addDays(from, 7))}>{t('onCall.next', 'Next week')}</Button>
        </Flex>
        {week.error ? <ErrorAlert message={week.error} /> : null}
        {data ? (
          <Box background="neutral0" shadow="tableShadow" hasRadius>
            <Table colCount={shown.length + 1} rowCount={data.days.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('onCall.day', 'Day')}</Typography></Th>
                  {shown.map((d) => (
                    <Th key={d}><Typography variant="sigma">{dep(d)}</Typography></Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {data.days.map((day) => {
                  const today = day === data.today;
                  return (
                    <Tr key={day} aria-current={today ? 'date' : undefined} style={today ? { background: 'var(--strapi-colors-primary100, #f0f0ff)' } : undefined}>
                      <Td>
                        <Flex gap={2}>
                          <Typography fontWeight={today ? 'bold' : undefined}>{dayLabel(day)}</Typography>
                          {today ? <Badge active>{t('onCall.today', 'Today')}</Badge> : null}
                        </Flex>
                      </Td>
                      {shown.map((d) => {
                        const shifts = data.cells[day]?.[d] ?? [];
                        return (
                          <Td key={d}>
                            {shifts.length === 0 ? (
                              <Typography textColor={d === 'doctor' ? 'danger600' : 'neutral500'}>{d === 'doctor' ? t('onCall.gap', 'Nobody on call') : '—'}</Typography>
                            ) : (
                              <Flex direction="column" alignItems="flex-start" gap={1}>
                                {shifts.map((s) => (
                                  <Flex key={s.documentId} gap={2}>
                                    <Badge active={s.role === 'primary'}>{s.role === 'primary' ? t('onCall.primary', 'Primary') : t('onCall.backup', 'Backup')}</Badge>
                                    {can('dashboard.read') ? (
                                      <Link to={`/content-manager/collection-types/${data.shiftUid}/${s.documentId}`} title={s.note ?? undefined}>
                                        {s.staffName}
                                      </Link>
                                    ) : (
                                      <Typography>{s.staffName}</Typography>
                                    )}
                                    <Typography variant="pi" textColor="neutral600">
                                      {time(s.startsLocal, day)}–{time(s.endsLocal, day)}
                                    </Typography>
                                  </Flex>
                                ))}
                              </Flex>
                            )}
                          </Td>
                        );
                      })}
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          </Box>
        ) : week.loading ? (
          <Page.Loading />
        ) : null}
        <Box paddingTop={3}>
          <Typography variant="pi" textColor="neutral600">{t('onCall.timeZone', 'Times in the clinic’s time zone ({zone}).', { zone: data?.timeZone ?? 'Asia/Taipei' })}</Typography>
        </Box>
      </Layouts.Content>
    </Layouts.Root>
  );
};
