// The shell's contract, shared by the page's terminal and the CLI.

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Where `kubectl apply -f FILE` reads from: the workspace in the page, the disk in the CLI. */
export interface FileSource {
  read(path: string): string | undefined;
}

export const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
export const fail = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : stderr + '\n', exitCode });
export const nl = (s: string): string => (s === '' || s.endsWith('\n') ? s : s + '\n');
