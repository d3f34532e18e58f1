/** Labels of one request for the latency histogram: bounded sets only (never the raw URL, ids or query). */
export interface RequestLabels {
  method: string;
  route: string;
  status_class: string;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * `route` is the template the router matched (`/api/clinic-crm/complaints/:documentId/transition`),
 * `unmatched` when none did (a 404, or a middleware answered first).
 */
export const requestLabels = (method: string, matchedRoute: unknown, status: number): RequestLabels => ({
  method: METHODS.has(method) ? method : 'OTHER',
  route: typeof matchedRoute === 'string' && matchedRoute !== '' ? matchedRoute : 'unmatched',
  status_class: status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other',
});
