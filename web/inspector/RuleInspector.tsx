// An iptables rule (or a whole chain) picked in the data-path view: the exact line as
// `iptables-save` prints it, what it matches and does in words, and its packet counter.
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useLive } from '../graph/live.ts';
import { ruleGist } from '../graph/rules.ts';

export function RuleInspector({ selection, table }: { selection: string; table: string }) {
  const { t } = useTranslation();
  const view = useLive((s) => s.nodeView);
  const [copied, setCopied] = useState(false);
  const [what, node = '', tbl, chainName = '', index = ''] = selection.split('/');
  if (!view || view.name !== node) return <div className="insp-hint">{t('rule.reading', { node })}</div>;
  const chain = view.proxy.chains.find((c) => c.table === (tbl ?? table) && c.name === chainName);
  if (!chain) return <div className="insp-hint">{t('rule.chainGone', { chain: chainName, node })}</div>;
  const copy = (text: string) => {
    void navigator.clipboard?.writeText(text).then(() => setCopied(true));
  };

  if (what === 'Chain') {
    const text = [`*${chain.table}`, chain.builtin ? `:${chain.name} ${chain.policy ?? 'ACCEPT'} [0:0]` : `:${chain.name} - [0:0]`, ...chain.rules.map((r) => r.line)].join('\n');
    return (
      <div className="obj">
        <h2 className="insp-title"><span className="insp-kind">{t('rule.chain')}</span> <span className="mono">{chain.name}</span></h2>
        <div className="insp-sub">{t('rule.chainSub', { table: chain.table, node, count: chain.rules.length })}</div>
        <pre className="insp-pre rule-line" aria-label={t('rule.excerpt')}>{text}</pre>
        <div className="insp-actions"><button type="button" className="act" onClick={() => copy(text)}>{copied ? t('rule.copied') : t('rule.copy')}</button></div>
      </div>
    );
  }
  const rule = chain.rules.find((r) => r.index === Number(index));
  if (!rule) return <div className="insp-hint">{t('rule.ruleGone', { index, chain: chainName })}</div>;
  const g = ruleGist(rule.line);
  return (
    <div className="obj">
      <h2 className="insp-title"><span className="insp-kind">{t('rule.rule', { index: rule.index })}</span> <span className="mono">{chain.name}</span></h2>
      <div className="insp-sub"><Trans i18nKey="rule.asPrinted" values={{ table: chain.table, node }} components={{ code: <span className="mono" /> }} /></div>
      <pre className="insp-pre rule-line" data-testid="rule-line">{rule.line}</pre>
      <div className="insp-actions"><button type="button" className="act" onClick={() => copy(rule.line)}>{copied ? t('rule.copied') : t('rule.copyLine')}</button></div>
      <dl className="rule-facts">
        <dt>{t('rule.matches')}</dt><dd>{g.match}</dd>
        <dt>{t('rule.then')}</dt><dd>{g.action}</dd>
        {g.comment && <><dt>{t('rule.comment')}</dt><dd>{g.comment}</dd></>}
        {rule.probability !== undefined && <><dt>{t('rule.probability')}</dt><dd>{t('rule.spread', { p: rule.probability })}</dd></>}
        <dt>{t('rule.packets')}</dt><dd>{t('rule.packetsNote', { count: rule.pkts })}</dd>
      </dl>
    </div>
  );
}
