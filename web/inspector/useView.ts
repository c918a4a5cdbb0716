// Ask the engine a question (core/views) and keep the answer fresh: asked again when the
// request or the cluster changes (a new snapshot), answers to stale questions dropped.
import { useEffect, useState } from 'react';
import type { ViewRequest, ViewResult } from '../../core/protocol.ts';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';

export function useView(request: ViewRequest | null): ViewResult | null {
  const revision = useStore((s) => s.snapshot?.revision ?? 0);
  const time = useStore((s) => s.snapshot?.time ?? 0);
  const key = request ? JSON.stringify(request) : '';
  const [answer, setAnswer] = useState<{ key: string; result: ViewResult } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    void engine()?.view(JSON.parse(key) as ViewRequest).then((result) => {
      if (live) setAnswer({ key, result });
    });
    return () => {
      live = false;
    };
  }, [key, revision, time]);
  return answer && answer.key === key ? answer.result : null;
}
