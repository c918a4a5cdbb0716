// A shared link's fragment, checked and ready to show (or the reason it cannot be).
import i18next from 'i18next';
import { decodePayload } from './codec.ts';
import type { Incoming } from './IncomingDialog.tsx';
import { showPayload } from './link.ts';

export function incomingLink(encoded: string): Incoming {
  const r = decodePayload(encoded);
  return {
    result: r.ok ? { ok: true, value: { files: r.value.files, apply: () => showPayload(r.value, i18next.t('share.openedLink')) } } : r,
  };
}
