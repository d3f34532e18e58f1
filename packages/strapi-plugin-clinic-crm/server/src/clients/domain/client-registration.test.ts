import { emailKey, nextClientNumber, phoneKey } from './client-registration';

describe('client registration rules', () => {
  it('treats every way of writing a Taiwanese phone number as the same number', () => {
    expect(phoneKey('0912-345-678')).toBe('0912345678');
    expect(phoneKey('+886 912 345 678')).toBe('0912345678');
    expect(phoneKey('(02) 2345-6789')).toBe('0223456789');
    expect(phoneKey('12-34')).toBeNull();
    expect(phoneKey(undefined)).toBeNull();
  });

  it('compares e-mail addresses without case or spaces', () => {
    expect(emailKey(' Chen.Li@Example.COM ')).toBe('chen.li@example.com');
    expect(emailKey('not-an-address')).toBeNull();
  });

  it('numbers a new client after the highest C-number, ignoring imported formats', () => {
    expect(nextClientNumber([])).toBe('C-0001');
    expect(nextClientNumber(['C-0003', 'C-0012', 'C-0007', 'VIP-99', null])).toBe('C-0013');
    expect(nextClientNumber(['C-9999'])).toBe('C-10000');
  });
});
