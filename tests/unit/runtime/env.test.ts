// A container's environment as lists laid end to end (its own variables, the namespace's shared
// Service links, HOME): a later definition of a name wins, `env` prints each name once at its
// first position with its last value — what a shell does with a repeated name in an exec'd envp.
import { describe, expect, it } from 'vitest';
import { envEntries, envValue, type Env } from '../../../core/runtime/env.ts';
import { execArgv, type ExecEnv } from '../../../core/runtime/exec.ts';
import { expandKubeVars } from '../../../core/runtime/behaviour.ts';
import { ContainerFs } from '../../../core/runtime/fs.ts';

const own = (...pairs: [string, string][]) => pairs;
const links = [['WEB_SERVICE_HOST', '10.96.0.10'], ['WEB_SERVICE_PORT', '80']] as const;

interface Case {
  name: string;
  given: { env: Env; run: string };
  want: string;
}

const cases: Case[] = [
  { name: 'a variable of the shared list', given: { env: [own(['A', '1']), links], run: 'printenv WEB_SERVICE_HOST' }, want: '10.96.0.10\n' },
  { name: 'a later list wins over an earlier one', given: { env: [own(['WEB_SERVICE_PORT', '8080']), links], run: 'printenv WEB_SERVICE_PORT' }, want: '80\n' },
  { name: 'the last definition in one list wins', given: { env: [own(['A', '1'], ['A', '2'])], run: 'printenv A' }, want: '2\n' },
  { name: 'an empty value is still defined', given: { env: [own(['A', ''])], run: 'printenv A' }, want: '\n' },
  { name: 'undefined: printenv prints nothing', given: { env: [own(['A', '1'])], run: 'printenv B' }, want: '' },
  { name: 'env: each name once, first position, last value', given: { env: [own(['A', '1'], ['B', '2']), links, own(['A', '3'])], run: 'env' }, want: 'A=3\nB=2\nWEB_SERVICE_HOST=10.96.0.10\nWEB_SERVICE_PORT=80\n' },
  { name: 'echo expands across lists', given: { env: [own(['A', 'x']), links], run: 'echo $A:${WEB_SERVICE_PORT}:$NOPE.' }, want: 'x:80:.\n' },
  { name: 'no lists at all', given: { env: [], run: 'env' }, want: '' },
];

const execEnv = (env: Env): ExecEnv => ({ fs: new ContainerFs(new Map()), env, hostname: 'p', flavor: 'gnu', date: '', argv1: ['sleep'] });

describe('container environment', () => {
  it.each(cases)('$name', ({ given, want }) => {
    expect(execArgv(given.run.split(' '), execEnv(given.env)).stdout).toBe(want);
  });

  it('$(VAR) in command and args reads the same lists', () => {
    const env: Env = [own(['A', 'a']), links];
    expect(expandKubeVars('$(A)-$(WEB_SERVICE_PORT)-$(NOPE)-$$', env)).toBe('a-80-$(NOPE)-$');
    expect(envValue(env, 'NOPE')).toBeUndefined();
    expect(envEntries([links, links])).toEqual([...links]);
  });
});
