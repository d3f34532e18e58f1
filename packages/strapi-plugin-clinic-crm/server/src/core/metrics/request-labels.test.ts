import { requestLabels } from './request-labels';

describe('request labels for the latency histogram', () => {
  it('uses the matched route template and the status class', () => {
    expect(requestLabels('POST', '/api/clinic-crm/complaints', 201)).toEqual({ method: 'POST', route: '/api/clinic-crm/complaints', status_class: '2xx' });
    expect(requestLabels('GET', '/clinic-crm/outbox/:documentId/retry', 404)).toMatchObject({ route: '/clinic-crm/outbox/:documentId/retry', status_class: '4xx' });
  });

  it('keeps every label in a bounded set', () => {
    expect(requestLabels('PROPFIND', undefined, 0)).toEqual({ method: 'OTHER', route: 'unmatched', status_class: 'other' });
    expect(requestLabels('GET', '', 503).route).toBe('unmatched');
  });
});
