import { Page } from '@strapi/strapi/admin';
import { usePluginPermissions } from '../utils/permissions';
import { Box, Flex } from '@strapi/design-system';
import { NavLink, Route, Routes } from 'react-router-dom';
import { styled } from 'styled-components';
import { useT } from '../utils/i18n';
import { DashboardPage } from './Dashboard';
import { TimelinePage } from './Timeline';
import { MyTasksPage } from './MyTasks';
import { OutboxPage } from './Outbox';
import { PricePreviewPage } from './PricePreview';
import { ImportExportPage } from './ImportExport';
import { AuditPage } from './Audit';
import { AnalyticsPage } from './Analytics';
import { RegisterClientPage } from './RegisterClient';
import { ComplaintDeskPage } from './complaints/ComplaintDesk';
import { SignConsentPage } from './consents/SignConsent';
import { NewTreatmentRecordPage } from './records/NewTreatmentRecord';
import { ComplaintIntakePage } from './complaints/ComplaintIntake';
import { ComplaintPage } from './complaints/ComplaintPage';
import { ApprovalsPage } from './approvals/Approvals';
import { ApprovalDetailPage } from './approvals/ApprovalDetail';
import { LedgerPage } from './Ledger';
import { BatchRecallPage } from './recalls/BatchRecall';
import { OnCallRosterPage } from './on-call/OnCallRoster';
import { AcknowledgePage } from './on-call/Acknowledge';

const Tab = styled(NavLink)`
  padding: 8px 14px;
  border-radius: 4px;
  text-decoration: none;
  font-size: 1.4rem;
  color: ${({ theme }) => theme.colors.neutral700};
  &.active {
    background: ${({ theme }) => theme.colors.primary100};
    color: ${({ theme }) => theme.colors.primary700};
    font-weight: 600;
  }
`;

const Guard = ({ permission, children }: { permission: string; children: React.ReactNode }) => {
  const { isLoading, can } = usePluginPermissions();
  if (isLoading) return <Page.Loading />;
  if (!can(permission)) return <Page.NoPermissions />;
  return <>{children}</>;
};

const App = () => {
  const { t } = useT();
  const { can } = usePluginPermissions();
  const mayVerifyLedger = can('ledger.verify');
  const tabs = [
    { to: '', label: t('nav.dashboard', 'Dashboard'), end: true },
    { to: 'my-tasks', label: t('nav.myTasks', 'My tasks') },
    { to: 'timeline', label: t('nav.timeline', 'Client timeline') },
    { to: 'register-client', label: t('nav.registerClient', 'New client') },
    { to: 'consents/sign', label: t('nav.signConsent', 'Sign a consent') },
    { to: 'records/new', label: t('nav.newRecord', 'Record a treatment') },
    { to: 'complaints', label: t('nav.complaints', 'Complaint desk') },
    { to: 'analytics', label: t('nav.analytics', 'Complaint analytics') },
    { to: 'outbox', label: t('nav.outbox', 'Outbox') },
    { to: 'prices', label: t('nav.prices', 'Price table preview') },
    { to: 'import-export', label: t('nav.importExport', 'Import / export') },
    { to: 'audit', label: t('nav.audit', 'Audit trail') },
    { to: 'approvals', label: t('nav.approvals', 'Approvals') },
    // the ledger is for managers: the tab only where the page would open
    ...(mayVerifyLedger ? [{ to: 'ledger', label: t('nav.ledger', 'Evidence ledger') }] : []),
    // managers and doctors
    ...(can('recalls.manage') ? [{ to: 'recalls', label: t('nav.recalls', 'Batch recall') }] : []),
    // every staff role reads the on-call roster
    ...(can('tasks.mine') ? [{ to: 'on-call', label: t('nav.onCall', 'On-call roster') }] : []),
  ];
  return (
    <Box>
      <Box paddingLeft={10} paddingRight={10} paddingTop={4} background="neutral0" shadow="filterShadow">
        <Flex gap={2} paddingBottom={3} wrap="wrap" tag="nav" aria-label="Clinic CRM">
          {tabs.map((tab) => (
            <Tab key={tab.to} to={tab.to} end={tab.end}>
              {tab.label}
            </Tab>
          ))}
        </Flex>
      </Box>
      <Routes>
        <Route index element={<Guard permission="dashboard.read"><DashboardPage /></Guard>} />
        <Route path="my-tasks" element={<Guard permission="tasks.mine"><MyTasksPage /></Guard>} />
        <Route path="timeline" element={<Guard permission="clients.timeline"><TimelinePage /></Guard>} />
        <Route path="timeline/:documentId" element={<Guard permission="clients.timeline"><TimelinePage /></Guard>} />
        <Route path="register-client" element={<Guard permission="clients.register"><RegisterClientPage /></Guard>} />
        <Route path="consents/sign" element={<Guard permission="consents.sign"><SignConsentPage /></Guard>} />
        <Route path="records/new" element={<Guard permission="records.create"><NewTreatmentRecordPage /></Guard>} />
        <Route path="complaints" element={<Guard permission="complaints.manage"><ComplaintDeskPage /></Guard>} />
        <Route path="complaints/new" element={<Guard permission="complaints.manage"><ComplaintIntakePage /></Guard>} />
        <Route path="complaints/:documentId" element={<Guard permission="complaints.manage"><ComplaintPage /></Guard>} />
        <Route path="analytics" element={<Guard permission="complaints.analytics"><AnalyticsPage /></Guard>} />
        <Route path="outbox" element={<Guard permission="outbox.manage"><OutboxPage /></Guard>} />
        <Route path="prices" element={<Guard permission="price-table.preview"><PricePreviewPage /></Guard>} />
        <Route path="import-export" element={<ImportExportPage />} />
        <Route path="audit" element={<Guard permission="audit.read"><AuditPage /></Guard>} />
        <Route path="approvals" element={<Guard permission="approvals.use"><ApprovalsPage /></Guard>} />
        <Route path="approvals/:documentId" element={<Guard permission="approvals.use"><ApprovalDetailPage /></Guard>} />
        <Route path="ledger" element={<Guard permission="ledger.verify"><LedgerPage /></Guard>} />
        <Route path="recalls" element={<Guard permission="recalls.manage"><BatchRecallPage /></Guard>} />
        <Route path="on-call" element={<Guard permission="tasks.mine"><OnCallRosterPage /></Guard>} />
        <Route path="acknowledge/:token" element={<Guard permission="tasks.mine"><AcknowledgePage /></Guard>} />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Box>
  );
};

export default App;
