// A native modal <dialog>: focus moves in and is trapped, Esc closes, and focus goes back to where
// it was (the dialog is unmounted, not closed, so the browser cannot do that part itself).
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ label, onClose, className, children }: { label: string; onClose: () => void; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    const before = document.activeElement;
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-label={label} onCancel={(e) => (e.preventDefault(), onClose())} onClose={onClose}>
      {children}
    </dialog>
  );
}
