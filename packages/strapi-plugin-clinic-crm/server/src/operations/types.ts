import type { Language } from '../core/i18n/locales';

/** Rows of the operations types as the query engine returns them (dates as ISO strings or Date). */
export type DateValue = string | Date | null;

export interface StaffRef {
  id: number;
  documentId: string;
  fullName: string;
  email?: string | null;
  preferredLanguage?: Language | string | null;
  department?: string;
  isActive?: boolean;
}

export interface EquipmentRow {
  id: number;
  documentId: string;
  name: string;
  serialNumber: string;
  location?: string | null;
  isActive: boolean;
  maintenanceIntervalDays: number;
  lastMaintainedOn: DateValue;
  nextMaintenanceDue: DateValue;
  createdAt?: DateValue;
  responsible?: StaffRef | null;
}

export interface EquipmentLogRow {
  id: number;
  kind: string;
  result: string;
  performedOn: DateValue;
  equipment?: Pick<EquipmentRow, 'id' | 'lastMaintainedOn' | 'maintenanceIntervalDays'> | null;
}

export interface EmergencyPlanRow {
  id: number;
  documentId: string;
  title: string;
  drillIntervalDays: number;
  lastDrillOn: DateValue;
  nextDrillDue: DateValue;
  createdAt: DateValue;
}

export interface ClinicalPhotoRow {
  id: number;
  documentId: string;
  image?: { url: string; mime: string } | null;
}

export interface TrainingRecordRow {
  certificationCode: string;
  certificationExpiresOn: string;
  passed: boolean;
  staff?: { documentId: string; fullName: string; department: string; isActive: boolean } | null;
}

/** The data of a write as a document middleware sees it. */
export type WriteData = Record<string, unknown>;
