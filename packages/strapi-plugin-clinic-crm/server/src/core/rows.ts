/** Moved to bulk-insert.repository.ts (the one bulk write path for system rows); kept for existing imports. */
export { insertRows, type Row } from './bulk-insert.repository';
