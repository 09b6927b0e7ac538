/**
 * `logcodes codes [CODE]`: the status-code catalog and the playbook, from the terminal.
 */
import type { Argv, CommandModule } from 'yargs';
import { scenariosFor } from '../../analysis/playbook/scenarios/index.js';
import type { Scenario } from '../../analysis/playbook/types.js';
import { describeCode, KNOWN_VENDORS, listCodes, type CodeInfo } from '../../codes/registry.js';
import { LogcodesError } from '../../errors.js';
import { formatCode } from '../../report/format.js';
import type { CliContext } from '../context.js';

interface CodesArgs {
  code?: string;
  vendor?: string;
  class?: string;
  json: boolean;
}

const playbookOf = (s: Scenario): object => ({ id: s.id, title: s.title, group: s.group, actions: s.actions, fields: s.fields, sources: s.sources });

function detail(info: CodeInfo, scenarios: Scenario[]): string {
  const lines = [`${formatCode(info.code)} ${info.name} — class ${info.class}${info.known ? '' : ' (not in the catalog)'}`];
  for (const m of info.meanings) lines.push(`  ${m.vendorLabel}: ${m.name}. ${m.meaning}`);
  if (!info.known) lines.push(`  ${info.meaning}`);
  for (const s of scenarios) {
    lines.push('', `Playbook: ${s.title} [${s.id}]`);
    for (const a of s.actions.server) lines.push(`  server: ${a}`);
    for (const a of s.actions.client) lines.push(`  client: ${a}`);
    lines.push(`  look at: ${s.fields.join(', ')}`, `  source: ${s.sources.join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

export function codesCommand(context: CliContext): CommandModule<object, CodesArgs> {
  return {
    command: 'codes [code]',
    describe: 'Look up status codes: meaning per vendor, class, and what to do about them',
    builder: (y: Argv) =>
      y
        .positional('code', { type: 'string', describe: 'A status code, e.g. 460' })
        .option('vendor', { type: 'string', describe: `List codes of a vendor (${KNOWN_VENDORS.join(', ')}; aws, alb and elb work too)` })
        .option('class', { type: 'string', describe: 'List codes of a class, e.g. 4xx' })
        .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' }) as unknown as Argv<CodesArgs>,
    handler: (args) => {
      const { io } = context;
      if (args.code !== undefined) {
        if (!/^\d{1,3}$/.test(args.code)) throw new LogcodesError('INVALID_ARGUMENT', `not a status code: "${args.code}"`);
        const info = describeCode(Number(args.code));
        const scenarios = scenariosFor(info.code);
        io.stdout.write(args.json ? JSON.stringify({ ...info, playbook: scenarios.map(playbookOf) }, null, 2) + '\n' : detail(info, scenarios));
        return;
      }
      if (args.class !== undefined && !/^[0-9]xx$/i.test(args.class)) throw new LogcodesError('INVALID_ARGUMENT', `--class takes a class such as 4xx, not "${args.class}"`);
      const codes = listCodes({ vendor: args.vendor, class: args.class });
      if (codes.length === 0) throw new LogcodesError('INVALID_ARGUMENT', `no codes match${args.vendor ? ` vendor "${args.vendor}"` : ''}${args.class ? ` class ${args.class}` : ''}`);
      if (args.json) {
        io.stdout.write(JSON.stringify(codes.map((c) => ({ code: c.code, class: c.class, name: c.name, vendor: c.vendor, vendorLabel: c.vendorLabel, meaning: c.meaning, playbook: scenariosFor(c.code).map((s) => s.id) })), null, 2) + '\n');
        return;
      }
      io.stdout.write(codes.map((c) => `${formatCode(c.code)}  ${c.class}  ${c.name.padEnd(34)} ${c.vendorLabel.padEnd(16)} ${c.meaning}`).join('\n') + '\n');
    },
  };
}
