import type { Report } from './model.js';

/** The JSON report is the model itself; keys keep the model's order. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
