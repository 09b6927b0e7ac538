/**
 * The playbook: every scenario in one table. Vendor scenarios come first, so that
 * the general ones can step aside (`unless`) when a more specific one fits.
 */
import type { Scenario } from '../types.js';
import { ALB_SCENARIOS } from './aws-alb.js';
import { CLOUDFLARE_SCENARIOS } from './cloudflare.js';
import { GENERAL_SCENARIOS } from './general.js';
import { NGINX_SCENARIOS } from './nginx.js';

export const SCENARIOS: readonly Scenario[] = [...NGINX_SCENARIOS, ...ALB_SCENARIOS, ...CLOUDFLARE_SCENARIOS, ...GENERAL_SCENARIOS];

/** Scenarios that cover a code, for `logcodes codes`. */
export function scenariosFor(code: number): Scenario[] {
  return SCENARIOS.filter((s) => s.when.codes.includes(code));
}
