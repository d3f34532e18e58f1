import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

/** GET an admin route of this plugin; `reload()` fetches again (after an action on the page). */
export const useApi = <T,>(path: string | null) => {
  const { get } = useFetchClient();
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    get(path)
      .then((res: any) => live && setState({ data: res.data?.data ?? res.data, loading: false }))
      .catch((e: any) => live && setState({ error: e?.response?.data?.error?.message ?? e?.message ?? 'error', loading: false }));
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
};

/** The error message Strapi put in an admin API error response. */
export const errorMessage = (e: any): string => {
  const err = e?.response?.data?.error;
  if (!err) return e?.message ?? 'Error';
  const fields = err.details?.errors?.map((x: any) => `${(x.path ?? []).join('.')}: ${x.message}`) ?? [];
  return fields.length ? fields.join('; ') : err.message;
};

/** The field errors of a 400 from Strapi, by field path ("phone", "feeItems.1.amount"). */
export const fieldErrorsOf = (e: any): Record<string, string> => {
  const items: any[] = e?.response?.data?.error?.details?.errors ?? [];
  return Object.fromEntries(items.filter((x) => Array.isArray(x.path) && x.path.length).map((x) => [x.path.join('.'), String(x.message)]));
};
