import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers.js';

describe('logcodes codes', () => {
  it('shows a code with its vendors, meaning and playbook actions', async () => {
    const { code, stdout } = await runMain(['codes', '460']);
    expect(code).toBe(0);
    expect(stdout).toContain('460 Client Closed Connection — class 4xx');
    expect(stdout).toContain('AWS ELB/ALB: Client Closed Connection.');
    expect(stdout).toContain('Playbook: Clients close connections before the ALB answers (460) [alb-460-client-closed]');
    expect(stdout).toMatch(/server: Make the target respond faster/);
  });

  it('lists every meaning of a shared number', async () => {
    const info = JSON.parse((await runMain(['codes', '530', '--json'])).stdout);
    expect(info.meanings.map((m: { vendor: string }) => m.vendor)).toEqual(['cloudflare', 'pantheon']);
    expect(info.playbook.map((p: { id: string }) => p.id)).toEqual(['cf-530']);
  });

  it('describes unknown codes by class', async () => {
    const { stdout } = await runMain(['codes', '299']);
    expect(stdout).toContain('299 Unknown — class 2xx (not in the catalog)');
  });

  it('lists by vendor and by class, as text or JSON', async () => {
    const cf = JSON.parse((await runMain(['codes', '--vendor', 'cloudflare', '--json'])).stdout);
    expect(cf.map((c: { code: number }) => c.code)).toEqual([499, 520, 521, 522, 523, 524, 525, 526, 527, 529, 530]);
    const text = (await runMain(['codes', '--class', '4xx'])).stdout.trim().split('\n');
    expect(text.every((line) => /^4\d\d {2}4xx/.test(line))).toBe(true);
    expect(text.some((line) => line.startsWith('444  4xx  No Response'))).toBe(true);
  });

  it('rejects bad arguments with exit 1', async () => {
    expect((await runMain(['codes', 'abc'])).code).toBe(1);
    expect((await runMain(['codes', '--class', 'client'])).code).toBe(1);
    expect((await runMain(['codes', '--vendor', 'nobody'])).stderr).toContain('no codes match vendor "nobody"');
    expect((await runMain(['codes', '--vendor', 'constructor'])).stderr).toContain('no codes match vendor "constructor"');
  });
});
