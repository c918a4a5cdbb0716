// Core's own explanations (why lines, journey captions, trace hops) in the page's language.
// Core sends each as a message id and params beside its English text; English shows that text
// as is, other languages look the id up in the 'core' namespace (core.ko.ts, core.zh-TW.ts)
// and translate nested messages first. Params go under `replace` so none can be read as an
// i18next option.
import i18next from 'i18next';
import type { Message, MessageId, Param } from '../../core/protocol.ts';

/** One language's translations of every message core can emit. */
export type CoreMessages = Record<MessageId, string>;

// Ids are data here, not literal keys of the typed English messages: untyped lookups.
type Options = Record<string, unknown>;
const lookup = (key: string, options: Options): string => (i18next.t as unknown as (k: string, o: Options) => string)(key, options);
const known = (key: string, options: Options): boolean => (i18next.exists as unknown as (k: string, o: Options) => boolean)(key, options);
const CORE: Options = { ns: 'core', keySeparator: false };

function render(m: Message): string {
  const value = (v: Param): string =>
    typeof v !== 'object' ? String(v) : Array.isArray(v) ? v.map(render).join(i18next.t('inspector.separator')) : render(v);
  const replace = Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, value(v)]));
  return lookup(m.id, { ...CORE, replace });
}

/** `text` in the page's language: its message translated, or the English text itself. */
export function say(m: Message | undefined, text: string): string {
  return m && known(m.id, CORE) ? render(m) : text;
}

/** A message that comes without English text (a journey step's name), or its id when unknown. */
export function sayId(id: MessageId, english: string): string {
  return say({ id }, english);
}
