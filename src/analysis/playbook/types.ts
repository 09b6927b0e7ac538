/**
 * The scenario playbook as data. A scenario says which codes it covers, the evidence
 * it needs before it fires (conditions), what clients and servers should do, which
 * log fields to look at, and where the facts come from. Text is logcodes' own.
 */

export type GeneratedBy = 'proxy' | 'upstream';

/** Everything a scenario can require; all given conditions must hold. */
export interface Conditions {
  /** Fires on any of these codes. */
  codes: number[];
  /** Only for logs of these formats. */
  formats?: string[];
  /** At least this many requests with the code (default 5). */
  minCount?: number;
  /** At least this share of all requests. */
  minShare?: number;
  /** Most of the code's responses came from the proxy/edge/LB or from the upstream. */
  generatedBy?: GeneratedBy;
  /** One client carries at least half of the code, or no client carries a quarter. */
  clients?: 'one' | 'many';
  /** The code's request times pile up near one of these timeouts (seconds). */
  timingNear?: number[];
  /** The code's median request time stays below this (seconds): quick answers, not hangs. */
  timingBelow?: number;
  /** ALB error_reason values starting with one of these. */
  errorReasonPrefix?: string[];
  /** ALB desync classification values. */
  classification?: string[];
  /** The client carrying most of the code asked for at least this many distinct paths. */
  minDistinctPathsOfTopClient?: number;
  /** One endpoint carries at least half of the code. */
  oneEndpoint?: boolean;
  /** An anomaly must involve the code. */
  anomaly?: boolean;
  /** Not when one of these (more specific) scenarios already fired for the code. */
  unless?: string[];
}

export interface Scenario {
  id: string;
  title: string;
  /** Vendor or group the scenario belongs to. */
  group: 'general' | 'nginx' | 'aws-alb' | 'cloudflare';
  when: Conditions;
  /**
   * Why it fired, with placeholders filled from the evidence: {count} {code} {share}
   * {start} {end} {client} {clientShare} {endpoint} {endpointShare} {clients}
   * {timeout} {timeoutShare} {p50} {reason} {reasonCount} {proxy} {upstream} {paths}.
   */
  explain: string;
  actions: { client: string[]; server: string[] };
  /** Log fields worth a look, by the normalized names. */
  fields: string[];
  sources: string[];
}
