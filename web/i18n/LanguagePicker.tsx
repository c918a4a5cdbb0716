// The language menu in the header; each language names itself.
import { useTranslation } from 'react-i18next';
import { currentLang, LANGS, setLang, type Lang } from './index.ts';

export function LanguagePicker() {
  const { t } = useTranslation();
  return (
    <select className="lang-picker" aria-label={t('app.language')} title={t('app.language')} value={currentLang()} onChange={(e) => void setLang(e.target.value as Lang)}>
      {LANGS.map((l) => (
        <option key={l.id} value={l.id} lang={l.id}>{l.name}</option>
      ))}
    </select>
  );
}
