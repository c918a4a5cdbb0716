// `kubectl get events` row, after upstream printEvent.
import type { KEvent } from '../../api/types.ts';
import { since } from '../duration.ts';
import type { Printer, RowContext } from '../table.ts';

// events.k8s.io fields a core/v1 Event may also carry.
interface NewerEventFields {
  eventTime?: string | null;
  series?: { count: number; lastObservedTime: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

export const eventPrinter: Printer<KEvent> = {
  columns: [
    { name: 'Last Seen' }, { name: 'Type' }, { name: 'Reason' }, { name: 'Object' },
    { name: 'Subobject', wide: true }, { name: 'Source', wide: true }, { name: 'Message' },
    { name: 'First Seen', wide: true }, { name: 'Count', wide: true }, { name: 'Name', wide: true },
  ],
  cells(e: KEvent, ctx: RowContext): string[] {
    const extra = e as KEvent & NewerEventFields;
    const first = e.firstTimestamp ? since(e.firstTimestamp, ctx.now) : since(extra.eventTime, ctx.now);
    let last = e.lastTimestamp ? since(e.lastTimestamp, ctx.now) : first;
    let count = e.count;
    if (extra.series) {
      last = since(extra.series.lastObservedTime, ctx.now);
      count = extra.series.count;
    } else if (!count) {
      count = 1; // singleton events have no count in the newer API
    }
    const io = e.involvedObject;
    const target = io.name ? `${io.kind.toLowerCase()}/${io.name}` : io.kind.toLowerCase();
    const message = e.message.trim();
    const component = e.source?.component || extra.reportingComponent || '';
    const host = e.source?.host || extra.reportingInstance || '';
    const source = host ? `${component}, ${host}` : component;
    return [last, e.type, e.reason, target, io.fieldPath ?? '', source, message, first, String(count), e.metadata.name];
  },
};
