import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction.ts';

describe('request log redaction', () => {
  it('hides ID numbers, phones and free-text searches in query strings, and keeps the rest', () => {
    expect(redactUrl('/api/v1/residents?idNumber=220106199001011234&limit=20')).toBe(
      '/api/v1/residents?idNumber=***&limit=20',
    );
    expect(redactUrl('/api/v1/residents?phone=13812345678&q=张三')).toBe('/api/v1/residents?phone=***&q=***');
    expect(redactUrl('/api/v1/divisions/220106')).toBe('/api/v1/divisions/220106');
  });
});
