import { describe, expect, it } from 'vitest';
import { formatCount, formatCounted } from '../../../src/report/format.js';

describe('counts in text', () => {
  it('groups thousands, and names one thing in the singular', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect([0, 1, 2, 3000].map((n) => formatCounted(n, 'file'))).toEqual(['0 files', '1 file', '2 files', '3,000 files']);
    expect(formatCounted(1, 'entry', 'entries')).toBe('1 entry');
    expect(formatCounted(5, 'entry', 'entries')).toBe('5 entries');
  });
});
