// An iptables rule (or a whole chain) picked in the data-path view: the exact line as
// `iptables-save` prints it, what it matches and does in words, and its packet counter.
import { useState } from 'react';
import { useLive } from '../graph/live.ts';
import { ruleGist } from '../graph/rules.ts';

export function RuleInspector({ selection, table }: { selection: string; table: string }) {
  const view = useLive((s) => s.nodeView);
  const [copied, setCopied] = useState(false);
  const [what, node, tbl, chainName, index] = selection.split('/');
  if (!view || view.name !== node) return <div className="insp-hint">Reading {node}’s rules…</div>;
  const chain = view.proxy.chains.find((c) => c.table === (tbl ?? table) && c.name === chainName);
  if (!chain) return <div className="insp-hint">Chain {chainName} is gone from {node} (kube-proxy removed it).</div>;
  const copy = (text: string) => {
    void navigator.clipboard?.writeText(text).then(() => setCopied(true));
  };

  if (what === 'Chain') {
    const text = [`*${chain.table}`, chain.builtin ? `:${chain.name} ${chain.policy ?? 'ACCEPT'} [0:0]` : `:${chain.name} - [0:0]`, ...chain.rules.map((r) => r.line)].join('\n');
    return (
      <div className="obj">
        <h2 className="insp-title"><span className="insp-kind">Chain</span> <span className="mono">{chain.name}</span></h2>
        <div className="insp-sub">{chain.table} table on {node} · {chain.rules.length} rules · click a row in the graph for one rule</div>
        <pre className="insp-pre rule-line" aria-label="iptables-save excerpt">{text}</pre>
        <div className="insp-actions"><button type="button" className="act" onClick={() => copy(text)}>{copied ? 'Copied' : 'Copy'}</button></div>
      </div>
    );
  }
  const rule = chain.rules.find((r) => r.index === Number(index));
  if (!rule) return <div className="insp-hint">Rule {index} of {chainName} is gone (the chain was rewritten).</div>;
  const g = ruleGist(rule.line);
  return (
    <div className="obj">
      <h2 className="insp-title"><span className="insp-kind">Rule {rule.index}</span> <span className="mono">{chain.name}</span></h2>
      <div className="insp-sub">{chain.table} table on {node}, as <span className="mono">iptables-save</span> prints it:</div>
      <pre className="insp-pre rule-line" data-testid="rule-line">{rule.line}</pre>
      <div className="insp-actions"><button type="button" className="act" onClick={() => copy(rule.line)}>{copied ? 'Copied' : 'Copy line'}</button></div>
      <dl className="rule-facts">
        <dt>matches</dt><dd>{g.match}</dd>
        <dt>then</dt><dd>{g.action}</dd>
        {g.comment && <><dt>comment</dt><dd>{g.comment}</dd></>}
        {rule.probability !== undefined && <><dt>probability</dt><dd>{rule.probability} — kube-proxy spreads connections evenly: 1/n, then 1/(n−1), …</dd></>}
        <dt>packets</dt><dd>{rule.pkts} (traced packets count too)</dd>
      </dl>
    </div>
  );
}
