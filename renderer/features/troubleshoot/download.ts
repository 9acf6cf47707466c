/** base64 → bytes (atob: no Buffer in the renderer). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file name safe to offer for download (no path, no control characters). */
export function safeFileName(name: string, fallback = 'connector-logs.zip'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
  return clean === '' || clean === '.' || clean === '..' ? fallback : clean.slice(0, 200);
}

/** Saves bytes as a file through a temporary object URL and a download link. */
export function saveFile(
  fileName: string,
  bytes: Uint8Array<ArrayBuffer>,
  type = 'application/zip',
  doc: Document = document,
): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = safeFileName(fileName);
  link.rel = 'noopener';
  link.className = 'visually-hidden';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Give the browser time to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
