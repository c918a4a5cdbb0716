// The filters after a pipe, checked against the real GNU tools of this machine (Debian's
// grep/coreutils/gawk, LC_ALL=C as a node's root shell): same stdout, stderr and exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filterFor } from '../../../core/shell/coreutils.ts';
import { shellWords } from '../../../core/shell/args.ts';
import { Simulation } from '../../../core/simulation.ts';
import { Shell } from '../../../core/shell/shell.ts';

const rules = `*nat
:KUBE-SERVICES - [0:0]
:KUBE-SVC-ABC - [0:0]
-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU
-A KUBE-SERVICES -d 10.96.12.7/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-ABC
-A KUBE-SVC-ABC -m comment --comment "default/web -> 10.244.1.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-ONE
-A KUBE-SVC-ABC -m comment --comment "default/web -> 10.244.2.3:80" -j KUBE-SEP-TWO
COMMIT
`;
const pods = `NAME                   READY   STATUS             RESTARTS      AGE
web-5d8c7b9f4-abcde    1/1     Running            0             2m
web-5d8c7b9f4-fghij    1/1     Running            0             2m
crasher                0/1     CrashLoopBackOff   3 (20s ago)   2m
db-0                   1/1     Running            1 (1m ago)    90s
`;

const cases: { name: string; given: { line: string; stdin: string } }[] = [
  { name: 'grep a Service', given: { line: 'grep default/web', stdin: rules } },
  { name: 'grep -v, -c', given: { line: 'grep -vc KUBE-SVC', stdin: rules } },
  { name: 'grep -n -i', given: { line: 'grep -ni crash', stdin: pods } },
  { name: 'grep no match: exit 1', given: { line: 'grep nothing-here', stdin: pods } },
  { name: 'grep BRE alternation', given: { line: 'grep "KUBE-SEP-ONE\\|KUBE-SEP-TWO"', stdin: rules } },
  { name: 'grep BRE: ( is literal', given: { line: 'grep "(20s"', stdin: pods } },
  { name: 'grep -E and -o', given: { line: 'grep -oE "10\\.244\\.[0-9]+\\.[0-9]+:[0-9]+"', stdin: rules } },
  { name: 'grep -F with dots', given: { line: 'grep -F 10.96.0.10', stdin: rules } },
  { name: 'grep -w', given: { line: 'grep -w web', stdin: pods } },
  { name: 'grep -A1 with separators', given: { line: 'grep -A1 KUBE-SEP-ONE', stdin: rules } },
  { name: 'grep -B1 -n', given: { line: 'grep -n -B1 db-0', stdin: pods } },
  { name: 'grep -e twice', given: { line: 'grep -e crasher -e db-0', stdin: pods } },
  { name: 'grep -q', given: { line: 'grep -q Running', stdin: pods } },
  { name: 'grep with an unknown option', given: { line: 'grep -Q x', stdin: pods } },
  { name: 'grep without a pattern', given: { line: 'grep', stdin: pods } },
  { name: 'head -n 2', given: { line: 'head -n 2', stdin: pods } },
  { name: 'head -3', given: { line: 'head -3', stdin: rules } },
  { name: 'head -n -2', given: { line: 'head -n -2', stdin: pods } },
  { name: 'tail -n +2 (skip the header)', given: { line: 'tail -n +2', stdin: pods } },
  { name: 'tail -1', given: { line: 'tail -1', stdin: pods } },
  { name: 'wc -l', given: { line: 'wc -l', stdin: rules } },
  { name: 'wc', given: { line: 'wc', stdin: pods } },
  { name: 'wc -lw', given: { line: 'wc -lw', stdin: pods } },
  { name: 'sort', given: { line: 'sort', stdin: pods } },
  { name: 'sort -k3 -r', given: { line: 'sort -r -k3', stdin: pods } },
  { name: 'sort -n -u', given: { line: 'sort -nu', stdin: '10\n9\n10\n100\n1\n' } },
  { name: 'uniq -c', given: { line: 'uniq -c', stdin: 'a\na\nb\na\n' } },
  { name: 'cut -d: -f1', given: { line: 'cut -d: -f1', stdin: 'root:x:0:0\ndaemon:x:1:1\n' } },
  { name: 'cut -c1-4,6-', given: { line: 'cut -c1-4,6-', stdin: pods } },
  { name: 'cut -f2 -d" "', given: { line: 'cut -d " " -f2', stdin: 'a b c\nd e f\n' } },
  { name: "awk '{print $1}'", given: { line: "awk '{print $1}'", stdin: pods } },
  { name: "awk '{print $1, $3}'", given: { line: "awk '{print $1, $3}'", stdin: pods } },
  { name: "awk '/Running/ {print $NF}'", given: { line: "awk '/Running/ {print $NF}'", stdin: pods } },
  { name: 'awk -F:', given: { line: "awk -F: '{print $2}'", stdin: 'a:b:c\nd:e:f\n' } },
];

// File operands: the same two files for the real tools (in a temporary folder) and for ours.
const dir = mkdtempSync(join(tmpdir(), 'kubeplay-coreutils-'));
writeFileSync(join(dir, 'rules'), rules);
writeFileSync(join(dir, 'pods'), pods);
const readFile = (path: string) => {
  try {
    return { text: readFileSync(join(dir, path), 'utf8') };
  } catch {
    return { error: 'No such file or directory' };
  }
};
cases.push(
  ...['grep -n Running pods rules', 'grep -c KUBE pods rules', 'grep -h web pods rules', 'wc pods rules', 'wc -l pods rules', 'wc -l pods', 'wc pods',
    'wc - pods', 'head -n2 pods rules', 'tail -q -n1 pods rules', 'cat pods rules', 'sort -k1 pods', 'cut -c1-10 pods',
    'grep x nope', 'head nope', 'tail -n1 nope', 'wc nope pods', 'sort nope', 'cat pods nope', 'uniq nope', 'cut -f1 nope', "awk '{print $1}' nope"]
    .map((line) => ({ name: `files: ${line}`, given: { line, stdin: 'from the pipe\n' } })),
);

describe('coreutils filters agree with the real GNU tools', () => {
  it.each(cases)('$name', ({ given }) => {
    const [cmd, ...args] = shellWords(given.line);
    const real = spawnSync(cmd!, args, { cwd: dir, input: given.stdin, encoding: 'utf8', env: { PATH: process.env.PATH, LC_ALL: 'C' } });
    const ours = filterFor(cmd!)!(args, given.stdin, readFile);
    expect({ stdout: ours.stdout, exitCode: ours.exitCode }).toEqual({ stdout: real.stdout, exitCode: real.status });
    expect(ours.stderr).toBe(real.stderr);
  });
});

describe('the shell runs pipelines, lists and redirections as bash does', () => {
  const sim = () => {
    const s = new Simulation({ seed: 1 });
    s.applyWorkspace([]);
    s.settle();
    return s;
  };
  const cases: { name: string; given: string[]; want: { stdout?: RegExp; stderr?: string; exitCode: number } }[] = [
    { name: 'a pipe filters kubectl', given: ['kubectl get nodes | grep -c Ready'], want: { stdout: /^3\n$/, exitCode: 0 } },
    { name: 'the last command of a pipe sets the status', given: ['kubectl get nodes | grep nothing'], want: { stdout: /^$/, exitCode: 1 } },
    { name: 'on a node: iptables-save | grep', given: ['ssh worker-1', 'iptables-save -t nat | grep -c "^-A KUBE-SERVICES"'], want: { stdout: /^\d+\n$/, exitCode: 0 } },
    { name: 'ssh with a quoted remote pipeline', given: ["ssh worker-1 'iptables-save | head -1'"], want: { stdout: /^# Generated by iptables-save v1\.8\.\d+ \(nf_tables\) on /, exitCode: 0 } },
    { name: '&& stops at a failure', given: ['bogus && echo no'], want: { stderr: 'bash: bogus: command not found\n', exitCode: 127 } },
    { name: '|| runs after a failure', given: ['bogus 2>/dev/null || echo yes'], want: { stdout: /^yes\n$/, exitCode: 0 } },
    { name: '; runs both', given: ['echo a; echo b'], want: { stdout: /^a\nb\n$/, exitCode: 0 } },
    { name: '2>&1 sends errors down the pipe', given: ['kubectl get pod nope 2>&1 | grep -c NotFound'], want: { stdout: /^1\n$/, exitCode: 0 } },
    { name: 'a pipe with nothing after it', given: ['kubectl get nodes |'], want: { stderr: "bash: syntax error near unexpected token `|'\n", exitCode: 2 } },
    { name: 'writing a file is refused, clearly', given: ['kubectl get nodes > nodes.txt'], want: { stderr: 'kubeplay: > nodes.txt: redirecting output to a file is not simulated\n', exitCode: 1 } },
    // bash recognises a redirection only when its operator is unquoted (bash(1), QUOTING).
    { name: 'a quoted > is an argument', given: ['echo ">" \'2>&1\' x'], want: { stdout: /^> 2>&1 x\n$/, exitCode: 0 } },
    { name: 'grep for a quoted >', given: ['echo "a>b" | grep -c ">"'], want: { stdout: /^1\n$/, exitCode: 0 } },
    { name: 'a quoted redirection target still redirects', given: ['kubectl get pod nope 2>"/dev/null" || echo gone'], want: { stdout: /^gone\n$/, stderr: '', exitCode: 0 } },
    { name: 'a half-quoted operator is a word', given: ['echo 2">"x'], want: { stdout: /^2>x\n$/, exitCode: 0 } },
    { name: 'a name from Object.prototype is not a command (fuzz seed 20261121)', given: ['valueOf'], want: { stderr: 'bash: valueOf: command not found\n', exitCode: 127 } },
    { name: 'grep a node file', given: ['ssh control-plane', 'grep -c image: /etc/kubernetes/manifests/etcd.yaml'], want: { stdout: /^1\n$/, exitCode: 0 } },
    { name: 'a missing file', given: ['head /nope'], want: { stderr: "head: cannot open '/nope' for reading: No such file or directory\n", exitCode: 1 } },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    const shell = new Shell(sim());
    const r = given.map((l) => shell.run(l)).at(-1)!;
    expect(r.exitCode).toBe(want.exitCode);
    if (want.stdout) expect(r.stdout).toMatch(want.stdout);
    if (want.stderr !== undefined) expect(r.stderr).toBe(want.stderr);
  });
});
