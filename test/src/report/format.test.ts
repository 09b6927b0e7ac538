import { describe, expect, it } from 'vitest';
import { formatCount, formatCounted } from '../../../src/report/format.js';

describe('counts in text', () => {
  it('groups thousands, and names one thing in the singular', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect([0, 7, 999, 1000, 12345, 100000, 999999, 1000000, -1234, 2 ** 53 - 1].map(formatCount))
      .toEqual(['0', '7', '999', '1,000', '12,345', '100,000', '999,999', '1,000,000', '-1,234', '9,007,199,254,740,991']);
    expect(formatCount(1234.5678)).toBe('1,234.568');
    expect([0, 1, 2, 3000].map((n) => formatCounted(n, 'file'))).toEqual(['0 files', '1 file', '2 files', '3,000 files']);
    expect(formatCounted(1, 'entry', 'entries')).toBe('1 entry');
    expect(formatCounted(5, 'entry', 'entries')).toBe('5 entries');
  });
});
