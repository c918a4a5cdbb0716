// Our own explanations (the inspector's "why", the journey's captions, the packet trace's hops)
// come as a message id and its params beside the English text. The English is built here from
// each area's catalogue, for the CLI and as the page's fallback; the page translates the id
// (web/i18n), so core stays free of languages. Tool output (kubectl, iptables-save, events)
// never goes through this: it is English on a real machine too.

/** A param is a value, or another message (or several, joined with "; ") rendered in place. */
export type Param = string | number | Message | Message[];

export interface Message {
  id: string;
  params?: Record<string, Param>;
}

/** A message with its English rendering. */
export interface Said {
  text: string;
  msg: Message;
}

/** The separator between messages given as a list param. */
export const LIST_SEPARATOR = '; ';

/** Fills `{{name}}` placeholders; `render` turns a nested message into text. */
export function fill(template: string, params: Message['params'], render: (m: Message) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    const v = params?.[k];
    if (v === undefined) return `{{${k}}}`;
    if (typeof v !== 'object') return String(v);
    return Array.isArray(v) ? v.map(render).join(LIST_SEPARATOR) : render(v);
  });
}

/** A catalogue's `say(id, params)`: the message and its English text. Ids are checked by type. */
export function speaker<C extends Record<string, string>>(catalogue: C) {
  const english = (m: Message): string => fill(catalogue[m.id] ?? m.id, m.params, english);
  return (id: keyof C & string, params?: Record<string, Param>): Said => {
    const msg: Message = params ? { id, params } : { id };
    return { text: english(msg), msg };
  };
}
