import { triggerNames, triggerStatements } from './append-only';

describe('append-only trigger statements', () => {
  it('keeps the trigger names existing databases have, and replaces them in place', () => {
    expect(triggerNames('postgres', 'crm_audit_events')).toEqual(['crm_audit_events_append_only']);
    expect(triggerNames('sqlite', 'crm_audit_events')).toEqual(['crm_audit_events_no_update', 'crm_audit_events_no_delete']);
    expect(triggerStatements('postgres', 'crm_ledger_entries', 'crm_ledger_entries is append-only')).toEqual([
      'DROP TRIGGER IF EXISTS crm_ledger_entries_append_only ON crm_ledger_entries',
      "CREATE TRIGGER crm_ledger_entries_append_only BEFORE UPDATE OR DELETE ON crm_ledger_entries FOR EACH ROW EXECUTE FUNCTION crm_append_only('crm_ledger_entries is append-only')",
    ]);
    const sqlite = triggerStatements('sqlite', 'crm_audit_events', 'audit events are append-only');
    expect(sqlite.filter((s) => s.startsWith('DROP TRIGGER IF EXISTS'))).toHaveLength(2);
    expect(sqlite).toContain("CREATE TRIGGER crm_audit_events_no_update BEFORE UPDATE ON crm_audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END");
    expect(sqlite).toContain("CREATE TRIGGER crm_audit_events_no_delete BEFORE DELETE ON crm_audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END");
  });

  it('quotes the message and refuses a table name it would have to quote', () => {
    expect(triggerStatements('sqlite', 't', "it's append-only")[1]).toContain("RAISE(ABORT, 'it''s append-only')");
    expect(() => triggerStatements('sqlite', 't; DROP TABLE x', 'm')).toThrow(/plain table name/);
    expect(() => triggerStatements('mysql', 't', 'm')).toThrow(/SQLite or Postgres/);
  });
});
