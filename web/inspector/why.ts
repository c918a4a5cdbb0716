// A "why" line's verdict, from its message id, so the inspector can mark it ✓ or ✗.
import type { Message, MessageId } from '../../core/protocol.ts';

export type Verdict = 'yes' | 'no' | 'info';

const YES = new Set<MessageId>(['why.node.fits', 'why.scheduled', 'why.service.ready']);
const NO = new Set<MessageId>([
  'why.scheduler.message', 'why.node.rejected', 'why.node.rejectedByFilter',
  'why.service.terminating', 'why.service.noIP', 'why.service.notReady', 'why.service.notSelected',
]);

export function verdict(m: Message): Verdict {
  const id = m.id as MessageId;
  return YES.has(id) ? 'yes' : NO.has(id) ? 'no' : 'info';
}
