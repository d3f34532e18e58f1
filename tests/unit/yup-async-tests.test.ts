/**
 * Strapi checks unique fields with an async yup test that queries the database. yup 0.32.9
 * dropped a rejected async test (`.then(ok)` with no rejection handler): validate() never settled,
 * so a query failing during a database restart left the request — and the transaction connection
 * it held — waiting forever, and shutdown waited for that connection. patches/yup+0.32.9.patch
 * passes the rejection on; this checks the installed yup behaves so.
 */
import * as yup from 'yup';

describe('yup async tests (patched)', () => {
  it('a rejected async test rejects validate() with the original error', async () => {
    const failure = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    const schema = yup.object({ referenceNumber: yup.string().test('unique', 'must be unique', async () => Promise.reject(failure)) });
    const settled = await Promise.race([
      schema.validate({ referenceNumber: 'CMP-1' }, { strict: true, abortEarly: false }).then(
        () => 'resolved',
        (e) => e
      ),
      new Promise((r) => setTimeout(() => r('never settled'), 2000)),
    ]);
    expect(settled).toBe(failure);
  });

  it('async tests that pass or fail still behave as before', async () => {
    const schema = yup.string().test('even', 'must be even', async (v) => Number(v) % 2 === 0);
    await expect(schema.validate('2')).resolves.toBe('2');
    await expect(schema.validate('3')).rejects.toThrow('must be even');
  });
});
