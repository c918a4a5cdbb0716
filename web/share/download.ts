// Saving a file the user asked for: a blob URL clicked as a download, then released.
export function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `kubeplay-2026-05-01.zip`: a name that sorts by date in a downloads folder. */
export const fileName = (ext: string) => `kubeplay-${new Date().toISOString().slice(0, 10)}.${ext}`;
