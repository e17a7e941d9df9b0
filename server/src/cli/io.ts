/** What a verb gets from the process: its working directory and the two output streams. */
export interface CliIo {
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The exit codes every verb keeps to. */
export const EXIT = { ok: 0, found: 1, usage: 2 } as const;
