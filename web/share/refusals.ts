// Why a workspace from outside (link, zip, YAML, embed scenario, host API) is refused. The English
// text is what the host API answers and what tests read; the page shows the reason in its own
// language by key (en.ts takes these texts as its `refused` section, ko.ts and zh-TW.ts translate).
export const REFUSED = {
  linkTooLong: 'The link is too long to open.',
  notKubeplay: 'This is not a kubeplay link (or it comes from a newer version).',
  notBase64: 'The link is damaged (it is not base64url text). Was it cut short when copied?',
  noInflate: 'The link is damaged (it does not decompress). Was it cut short when copied?',
  linkTooLarge: 'The scenario in the link is too large.',
  linkNotUtf8: 'The link is not a UTF-8 text file.',
  headerNotJson: 'The link is damaged (its header is not JSON).',
  badFileList: 'The link is damaged (its file list is malformed).',
  fileCut: 'The link is damaged (a file is cut short).',
  trailingText: 'The link is damaged (there is text after the last file).',
  timelineMalformed: 'The recorded timeline is malformed or too long.',
  timelineOrder: 'The recorded timeline is out of order.',
  commandMalformed: 'A recorded command is malformed.',
  commandNode: 'A recorded command names a bad node.',
  editPath: 'A recorded edit removes a bad path.',
  inputKind: 'A recorded input is of an unknown kind.',
  seed: 'The seed is not a whole number.',
  time: 'The simulated time is not a number of ms between 0 and 24 h.',
  noFileList: 'The workspace has no file list.',
  noFiles: 'The workspace has no files.',
  tooManyFiles: 'Too many files: {{files}} (at most {{max}}).',
  notPathText: 'A file entry is not a path with text.',
  badName: 'Bad file name "{{name}}": {{why}}',
  duplicate: 'Two files are named {{path}}.',
  fileTooLarge: '{{path}} is too large (at most {{max}}).',
  fileTooLargeSized: '{{path}} is too large ({{size}}; at most {{max}}).',
  notText: '{{path}} is not a text file.',
  workspaceTooLarge: 'The workspace is too large (over {{max}}).',
  insideFile: '{{path}} is inside a file.',
  notUtf8: '{{name}} is not a UTF-8 text file.',
  zipTooMany: 'The zip has too many files (at most {{max}}).',
  zipTooLarge: 'The zip is too large unpacked (at most {{max}}).',
  notZip: 'That file is not a zip archive, or it is damaged.',
  markerInFile: '{{path}} contains a kubeplay-file marker line; export a zip instead.',
  badMarker: 'Line {{line}}: the file name in the marker is malformed.',
} as const;

export interface Refusal {
  key: keyof typeof REFUSED;
  params?: Record<string, string | number>;
}

/** A refusal: its English text and its key for the page's language. */
export function refuse(key: Refusal['key'], params?: Refusal['params']): { ok: false; error: string; refusal: Refusal } {
  const error = REFUSED[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params?.[k] ?? ''));
  return { ok: false, error, refusal: params ? { key, params } : { key } };
}
