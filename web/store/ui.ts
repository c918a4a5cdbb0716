// UI slice: what the user is looking at. Selection is an object key (core/protocol objectKey).
// NOTE for the editor/time teammate (graph/inspector side, issue 6): added `graphView` and
// `viewNode` (which graph view is shown, and for which node). `selected` may now also hold
// `Rule/<node>/<table>/<chain>/<index>` or `Chain/<node>/<table>/<name>` (clicked in the
// data-path view): check the prefix before using it as an objectKey. web/graph/GraphPane.tsx is
// now the whole right side (view switcher, views, inspector), so App.tsx needs no change; a
// trace published with publishTrace() (terminal or trace panel) opens and animates the data path.
import type { StateCreator } from 'zustand';
import type { AppState } from './index.ts';

/** A request for the editor to show a place; `seq` makes repeated requests distinct. */
export interface RevealRequest {
  file: string;
  line: number;
  col: number;
  seq: number;
}

export type GraphView = 'cluster' | 'node' | 'datapath';

export interface UiSlice {
  selected: string | null;
  /** Which graph is shown: the cluster, one node opened up, or that node's data path. */
  graphView: GraphView;
  /** The node the node-internals and data-path views show. */
  viewNode: string;
  setGraphView: (view: GraphView, node?: string) => void;
  /** Show the cluster's own pods (kube-system, kube-flannel, ...) in the graph. */
  showSystem: boolean;
  toggleSystem: () => void;
  reveal: RevealRequest | null;
  select: (key: string | null) => void;
  revealInEditor: (file: string, line: number, col: number) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  selected: null,
  graphView: 'cluster',
  viewNode: 'worker-1',
  setGraphView: (graphView, node) => set({ graphView, viewNode: node ?? get().viewNode }),
  // Hidden at first so a learner's own workload stands out; one click shows the machinery.
  showSystem: false,
  toggleSystem: () => set({ showSystem: !get().showSystem }),
  reveal: null,
  select: (selected) => set({ selected }),
  revealInEditor: (file, line, col) => set({ reveal: { file, line, col, seq: (get().reveal?.seq ?? 0) + 1 } }),
});
