// A Chrome trace of the edit runs (BENCH_TRACE=1 in browser.bench.mjs): where the page's main
// thread and the engine's worker spend each edit, by trace event (script, style, layout, paint,
// GC...), counted only inside the edits' windows (the user-timing marks kp-edit-start, set when
// the debounce ends and the edit goes to the worker, … kp-edit-painted), so typing itself and the
// benchmark's own work between edits stay out.

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'toplevel'];

/** Starts tracing on a CDP session; the returned function stops it and resolves to the events. */
export async function startTrace(cdp) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/**
 * Self time (wall ms per edit) of each trace event name on the renderer's main thread and on the
 * engine's worker thread, within the edit windows; their CPU time in tasks per edit, and the
 * longest top-level task in a window.
 */
export function summarize(events) {
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const starts = events.filter((e) => e.name === 'kp-edit-start').map((e) => e.ts).sort((a, b) => a - b);
  const ends = events.filter((e) => e.name === 'kp-edit-painted').map((e) => e.ts).sort((a, b) => a - b);
  const windows = starts.map((s) => [s, ends.find((x) => x > s)]).filter(([, e]) => e !== undefined);
  const mainPid = events.find((e) => e.name === 'kp-edit-start')?.pid;
  const inWindow = (ts) => windows.some(([s, e]) => ts >= s && ts <= e);
  const out = {};
  for (const [id, label] of [['CrRendererMain', 'main'], ['DedicatedWorker thread', 'worker']]) {
    const list = events
      .filter((e) => e.ph === 'X' && e.pid === mainPid && threads.get(`${e.pid}:${e.tid}`) === id && inWindow(e.ts))
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const self = new Map();
    const stack = [];
    let longest = 0;
    let cpu = 0;
    for (const e of list) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
      else if (e.name === 'RunTask') {
        longest = Math.max(longest, e.dur);
        cpu += e.tdur ?? 0;
      }
      self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
      stack.push(e);
    }
    const per = (us) => Math.round(us / 100 / windows.length) / 10;
    out[label] = {
      longestTaskMs: Math.round(longest / 1000),
      // The thread's CPU time in its tasks: less swayed by other processes than wall times are.
      cpuMsPerEdit: per(cpu),
      selfMsPerEdit: Object.fromEntries([...self].filter(([, us]) => per(us) >= 0.3).sort((a, b) => b[1] - a[1]).map(([k, us]) => [k, per(us)])),
    };
  }
  return { edits: windows.length, ...out };
}
