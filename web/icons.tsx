// Small stroke icons drawn inline: system fonts lack some symbols (⏭, ＋), and nothing may be
// downloaded. Each is decorative; the button around it carries the accessible name.
const PATHS = {
  fileAdd: 'M6 2h7l5 5v13H6z M13 2v5h5 M12 11v6 M9 14h6',
  folderAdd: 'M3 6h6l2 2h10v11H3z M12 11v6 M9 14h6',
  import: 'M12 3v11 M7 9l5 5 5-5 M4 17v3h16v-3',
  step: 'M5 5l9 7-9 7z M18 5v14',
  play: 'M7 4l13 8-13 8z',
  pause: 'M7 5h3v14H7z M14 5h3v14h-3z',
  latest: 'M4 12h13 M12 7l5 5-5 5 M20 5v14',
  pencil: 'M4 20l4-1 11-11-3-3L5 16z',
  close: 'M6 6l12 12 M18 6L6 18',
  menu: 'M4 6h16 M4 12h16 M4 18h16',
} as const;

export function Icon({ name, size = 16 }: { name: keyof typeof PATHS; size?: number }) {
  const fill = name === 'play' || name === 'pause' || name === 'step';
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" fill={fill ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={fill ? 1 : 2} strokeLinecap="round" strokeLinejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
