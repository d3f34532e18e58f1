import { isUrgent, newSigningSecret, noticeKeyOf, publicData, signature, takesNotice, urlProblem, verifySignature, webhookBody, webhookKey } from './webhook';

describe('webhook target URL', () => {
  it('takes https anywhere and http only to loopback outside production', () => {
    expect(urlProblem('https://hooks.example.com/x', { production: true })).toBeNull();
    expect(urlProblem('http://127.0.0.1:8080/hook', { production: false })).toBeNull();
    expect(urlProblem('http://localhost/hook', { production: false })).toBeNull();
    expect(urlProblem('http://[::1]:9/hook', { production: false })).toBeNull();
    expect(urlProblem('http://127.0.0.1:8080/hook', { production: true })).toBe('httpsRequired');
    expect(urlProblem('http://hooks.example.com/x', { production: false })).toBe('httpsRequired');
    expect(urlProblem('ftp://hooks.example.com/x', { production: false })).toBe('invalid');
    expect(urlProblem('not a url', { production: false })).toBe('invalid');
    expect(urlProblem('', { production: false })).toBe('invalid');
    expect(urlProblem(42, { production: false })).toBe('invalid');
    expect(urlProblem('https://user:pw@hooks.example.com/x', { production: false })).toBe('credentials');
  });
});

describe('which notices a channel takes', () => {
  it('urgent by template, by flag or by payload; "urgent only" channels take only those', () => {
    expect(isUrgent('complaint_escalated', {})).toBe(true);
    expect(isUrgent('on_call_page', {})).toBe(true);
    expect(isUrgent('operations_reminder', { urgent: true })).toBe(true);
    expect(isUrgent('operations_reminder', {}, true)).toBe(true);
    expect(isUrgent('follow_up_due', {})).toBe(false);
    expect(takesNotice('urgent', false)).toBe(false);
    expect(takesNotice('urgent', true)).toBe(true);
    expect(takesNotice('all', false)).toBe(true);
  });
});

describe('keys', () => {
  it('a department channel keys on the notice, without the recipient suffix', () => {
    expect(noticeKeyOf('complaint:x:opened:doc7', { documentId: 'doc7' })).toBe('complaint:x:opened');
    expect(noticeKeyOf('task:k:due', { documentId: 'doc7' })).toBe('task:k:due');
    expect(noticeKeyOf('doc7', { documentId: 'doc7' })).toBe('doc7');
    // a numeric suffix is ambiguous (mailStaff passes its notice key instead)
    expect(noticeKeyOf('moved:1', { documentId: 'doc1' })).toBe('moved:1');
    expect(webhookKey('task:k:due', 'ch1')).toBe('task:k:due:webhook:ch1');
  });
});

describe('body and signature', () => {
  const payload = {
    recipient: { name: '王小明' },
    client: { name: '林小姐', phone: '0912345678' },
    task: { purpose: '確認是否腫脹', dueLocal: '2026-12-08 10:00' },
    recall: { batch: 'B1', reason: '產品回收' },
    records: [{ number: 'R1' }],
    complaint: { referenceNumber: 'C-1', severity: 'high' },
    links: { task: 'https://crm/x' },
  };

  it('leaves health data and contact details out of data, keeps the links apart', () => {
    const data = publicData(payload) as Record<string, any>;
    expect(data.client).toEqual({ name: '林小姐' });
    expect(data.task).toEqual({ dueLocal: '2026-12-08 10:00' });
    expect(data.recall).toEqual({ batch: 'B1' });
    expect(data.records).toBeUndefined();
    expect(data.links).toBeUndefined();
    expect(data.complaint).toEqual({ referenceNumber: 'C-1', severity: 'high' });
    const body = webhookBody({ key: 'k', template: 'follow_up_due', occurredAt: new Date('2026-12-07T00:00:00Z'), language: 'zh-Hant', subject: 's', text: 't', payload });
    expect(body.links).toEqual({ task: 'https://crm/x' });
    expect(body.occurredAt).toBe('2026-12-07T00:00:00.000Z');
    expect(JSON.stringify(body)).not.toContain('0912345678');
    expect(JSON.stringify(body)).not.toContain('腫脹');
  });

  it('verifies a signed body, refuses a tampered body, another secret and an old timestamp', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const now = 1_800_000_000;
    const body = JSON.stringify({ id: 'k' });
    const sig = signature(secret, now, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature({ secret, timestamp: String(now), body, signature: sig, nowSeconds: now + 10 })).toBe(true);
    expect(verifySignature({ secret, timestamp: String(now), body: body.replace('k', 'j'), signature: sig, nowSeconds: now })).toBe(false);
    expect(verifySignature({ secret: newSigningSecret(), timestamp: String(now), body, signature: sig, nowSeconds: now })).toBe(false);
    expect(verifySignature({ secret, timestamp: String(now), body, signature: sig, nowSeconds: now + 301 })).toBe(false);
    expect(verifySignature({ secret, timestamp: undefined, body, signature: sig, nowSeconds: now })).toBe(false);
  });
});
