import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { useT } from '../../utils/i18n';
import { StepTimer, useWait } from './handoff-timer';

export interface SittingComplaint {
  documentId: string;
  referenceNumber: string;
  category: string;
  workflowStatus: string;
  department: string | null;
  assignee: string | null;
  since: string;
  stepAgeMinutes: number;
  step: { fromDepartment: string; dueAt: string | null; accepted: boolean; acceptedAt: string | null; waitedMinutes: number; overdue: boolean } | null;
}

/** The dashboard's "where each open complaint sits and for how long": department, current step, its age and timer. */
export const WhereComplaintsSit = ({ rows }: { rows: SittingComplaint[] }) => {
  const { t } = useT();
  const wait = useWait();
  const dept = (d: string | null) => (d ? t(`department.${d}`, d) : '—');
  if (rows.length === 0) return <Typography textColor="neutral600">{t('handoff.boardEmpty', 'No open complaints.')}</Typography>;
  return (
    <Table colCount={5} rowCount={rows.length + 1} data-testid="where-complaints-sit">
      <Thead>
        <Tr>
          <Th>{t('complaints.reference', 'Reference')}</Th>
          <Th>{t('handoff.sitsWith', 'Now with')}</Th>
          <Th>{t('handoff.currentStep', 'Current step')}</Th>
          <Th>{t('handoff.stepAge', 'For')}</Th>
          <Th>{t('handoff.timer', 'Hand-off timer')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((x) => (
          <Tr key={x.documentId} data-testid={`sits-${x.referenceNumber}`}>
            <Td>
              <Link to={`complaints/${x.documentId}`}>{x.referenceNumber}</Link>
            </Td>
            <Td>
              {dept(x.department)}
              {x.assignee ? ` · ${x.assignee}` : ''}
            </Td>
            <Td data-testid="sits-step">{x.step ? `${dept(x.step.fromDepartment)} → ${dept(x.department)}` : t('handoff.routed', 'As routed')}</Td>
            <Td data-testid="sits-age">{wait(x.stepAgeMinutes)}</Td>
            <Td>{x.step ? <StepTimer accepted={x.step.accepted} overdue={x.step.overdue} waitedMinutes={x.step.waitedMinutes} testId="sits-timer" /> : '—'}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
