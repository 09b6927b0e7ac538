/** Number formatting shared by the terminal and HTML renderers. */

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A 0..1 share as a percentage with precision that still shows small shares. */
export function formatShare(share: number | null): string {
  if (share === null) return '–';
  const pct = share * 100;
  if (pct === 0) return '0%';
  if (pct < 0.01) return '<0.01%';
  if (pct < 10) return `${pct.toFixed(2)}%`;
  return `${pct.toFixed(1)}%`;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** Status codes are shown as three digits: nginx logs "no status" as 000. */
export function formatCode(code: number): string {
  return String(code).padStart(3, '0');
}
