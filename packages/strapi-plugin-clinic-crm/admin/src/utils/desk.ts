import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { CoursePackage, FeeItem } from '../components/QuoteOptions';
import { apiLanguage } from './i18n';

export interface DeskTreatment {
  documentId: string;
  name: string;
  category: string;
  feeItems: FeeItem[];
  coursePackages: CoursePackage[];
}

/** The published treatments with their prices, in the admin user's language. */
export const usePublishedTreatments = (adminLocale: string) => {
  const { get } = useFetchClient();
  const [treatments, setTreatments] = useState<DeskTreatment[]>([]);
  useEffect(() => {
    get(`/clinic-crm/desk/treatments?locale=${apiLanguage(adminLocale)}`).then((res: any) => setTreatments(res.data.data ?? []));
  }, [adminLocale]);
  return treatments;
};

/**
 * POSTs `body` to `path` a moment after it last changed (as staff type or tick options) and keeps
 * the latest answer; `body` null means "nothing to ask yet". Answers to older bodies are dropped.
 */
export const useDebouncedPost = <T,>(path: string, body: Record<string, unknown> | null, opts: { delayMs?: number; keepPrevious?: boolean } = {}) => {
  const { post } = useFetchClient();
  const { delayMs = 250, keepPrevious = false } = opts;
  const [state, setState] = useState<{ data: T | null; error: unknown }>({ data: null, error: null });
  const key = JSON.stringify(body);
  useEffect(() => {
    // keepPrevious: the last answer stays on screen until the new one arrives
    if (!body || !keepPrevious) setState({ data: null, error: null });
    if (!body) return;
    let live = true;
    const timer = setTimeout(() => {
      post(path, body)
        .then((res: any) => live && setState({ data: res.data.data, error: null }))
        .catch((error) => live && setState({ data: null, error }));
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path, key]);
  return state;
};

/** The treatments as choices of a select. */
export const treatmentChoices = (treatments: DeskTreatment[]) => treatments.map((x) => ({ value: x.documentId, label: x.name }));
