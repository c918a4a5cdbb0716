// Every keyboard shortcut in one place (opened with ?).
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/index.ts';
import { Dialog } from './Dialog.tsx';

const KEYS = [
  ['P', 'present'], ['L', 'lessons'], ['→  PageDown', 'next'], ['←  PageUp', 'back'], ['E', 'editor'], ['T', 'theme'],
  ['Esc', 'exit'], ['?', 'help'], ['Tab  Shift+Tab', 'focus'], ['Enter  Space', 'activate'], ['Esc', 'terminal'],
  ['←  →', 'timeline'], ['F2  Delete', 'tree'], ['Shift+Alt+F', 'format'],
] as const;

export function HelpDialog() {
  const { t } = useTranslation();
  const setDialog = useStore((s) => s.setDialog);
  return (
    <Dialog label={t('help.title')} onClose={() => setDialog(null)} className="help-dialog">
      <h2>{t('help.title')}</h2>
      <table className="keys">
        <tbody>
          {KEYS.map(([keys, what], i) => (
            <tr key={i}>
              <th scope="row">{keys.split('  ').map((k) => <kbd key={k}>{k}</kbd>)}</th>
              <td>{t(`help.${what}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-buttons">
        <button type="button" className="btn-light" onClick={() => setDialog(null)} autoFocus>{t('help.close')}</button>
      </div>
    </Dialog>
  );
}
