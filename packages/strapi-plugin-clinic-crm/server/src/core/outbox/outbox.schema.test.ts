import { outboxListQuery } from './outbox.schema';

const issues = (q: unknown) => {
  const r = outboxListQuery.safeParse(q);
  return r.success ? r.data : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('outbox list query', () => {
  it('defaults the page and reads numbers from the query string', () => {
    expect(issues({})).toEqual({ page: 1, pageSize: 25 });
    expect(issues({ status: 'failed', page: '2', pageSize: '100' })).toEqual({ status: 'failed', page: 2, pageSize: 100 });
  });

  it('names the field with the messages the admin page shows', () => {
    expect(issues({ status: 'x' })).toEqual(['status: status must be one of: pending, sending, sent, failed, cancelled']);
    expect(issues({ page: 'abc' })).toEqual(['page: page must be a positive whole number']);
    expect(issues({ page: '' })).toEqual(['page: page must be a positive whole number']);
    expect(issues({ page: '1.5' })).toEqual(['page: page must be a positive whole number']);
    expect(issues({ pageSize: '101' })).toEqual(['pageSize: pageSize must be a whole number from 1 to 100']);
  });
});
