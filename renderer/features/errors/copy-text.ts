export type CopyOutcome = 'clipboard' | 'fallback' | 'failed';

/**
 * Copies text: the async Clipboard API when the page may use it, else a hidden textarea and
 * execCommand('copy') (older hosts, a denied clipboard permission). 'failed' means neither
 * worked and the caller should show the text for a manual copy.
 */
export async function copyText(text: string, doc: Document = document): Promise<CopyOutcome> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return 'clipboard';
    } catch {
      // permission denied or not focused: try the fallback
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  doc.body.appendChild(area);
  const active = doc.activeElement as HTMLElement | null;
  try {
    area.select();
    return typeof doc.execCommand === 'function' && doc.execCommand('copy') ? 'fallback' : 'failed';
  } catch {
    return 'failed';
  } finally {
    area.remove();
    active?.focus?.();
  }
}
