// The workspace as a file tree: open, add, rename, delete files and folders, add a node's
// static-pod folder, import from disk. Keyboard: ↑/↓ move, Enter opens, F2 renames, Delete deletes.
import { useTranslation } from 'react-i18next';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from '../store/index.ts';
import { Icon } from '../icons.tsx';
import { ImportButton } from './ImportButton.tsx';
import { NameInput } from './NameInput.tsx';
import { buildTree, MANIFEST_DIR, type TreeNode } from './tree.ts';

type Editing = { mode: 'file' | 'folder' | 'rename'; path: string; initial: string } | null;

const STATIC_POD = (node: string) => `# A static pod: ${node}'s kubelet runs it from its staticPodPath and the API
# server shows a mirror pod named <name>-${node}.
apiVersion: v1
kind: Pod
metadata:
  name: static-web
spec:
  containers:
    - name: nginx
      image: nginx:1.27
`;

function folderOf(path: string, files: { path: string }[]): string {
  if (!path) return '';
  return files.some((f) => f.path === path) ? path.split('/').slice(0, -1).join('/') : path;
}

export function FileTree() {
  const { t } = useTranslation();
  const files = useStore((s) => s.files);
  const folders = useStore((s) => s.folders);
  const activePath = useStore((s) => s.activePath);
  const snapshot = useStore((s) => s.snapshot);
  const { openFile, createFile, createFolder, renamePath, deletePath } = useStore.getState();
  const [focused, setFocused] = useState(activePath);
  const [editing, setEditing] = useState<Editing>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const list = useRef<HTMLUListElement>(null);
  const nodes = useMemo(() => buildTree({ files, folders }), [files, folders]);
  const nodeNames = useMemo(() => (snapshot?.objects ?? []).filter((o) => o.kind === 'Node').map((o) => o.metadata.name), [snapshot?.objects]);

  // The visible rows in order, for keyboard navigation.
  const rows: TreeNode[] = [];
  const walk = (ns: TreeNode[]) => ns.forEach((n) => (rows.push(n), n.kind === 'folder' && !collapsed.has(n.path) && walk(n.children)));
  walk(nodes);

  const startNew = (mode: 'file' | 'folder') => {
    const dir = folderOf(focused, files);
    setEditing({ mode, path: '', initial: dir ? `${dir}/` : mode === 'file' ? 'new.yaml' : '' });
  };
  const submit = (value: string): string | null => {
    if (!editing) return null;
    const err = editing.mode === 'rename' ? renamePath(editing.path, value) : editing.mode === 'file' ? createFile(value) : createFolder(value);
    if (!err) {
      setEditing(null);
      setFocused(value.trim());
      list.current?.focus();
    }
    return err;
  };
  const addStatic = (node: string) => {
    const path = `${MANIFEST_DIR(node)}/static-web.yaml`;
    if (createFile(path, STATIC_POD(node))) openFile(path); // already there: just show it
    setFocused(path);
  };
  const toggle = (path: string) => setCollapsed((c) => {
    const next = new Set(c);
    if (!next.delete(path)) next.add(path);
    return next;
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const i = rows.findIndex((r) => r.path === focused);
    const row = rows[i];
    const move = (d: number) => rows[Math.max(0, Math.min(rows.length - 1, i + d))]?.path;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') setFocused(move(e.key === 'ArrowDown' ? 1 : -1) ?? focused);
    else if (e.key === 'Enter' && row && row.kind === 'file') openFile(row.path);
    else if (e.key === 'Enter' && row) toggle(row.path);
    else if (e.key === 'F2' && row) setEditing({ mode: 'rename', path: row.path, initial: row.path });
    else if (e.key === 'Delete' && row) deletePath(row.path);
    else return;
    e.preventDefault();
  };

  const render = (n: TreeNode, depth: number) => {
    const open = n.kind === 'folder' && !collapsed.has(n.path);
    const renaming = editing?.mode === 'rename' && editing.path === n.path;
    return (
      <li key={n.path} role="treeitem" aria-selected={n.path === activePath} aria-expanded={n.kind === 'folder' ? open : undefined} data-path={n.path}>
        {renaming ? (
          <NameInput label={t('tree.rename', { path: n.path })} initial={editing.initial} onSubmit={submit} onCancel={() => setEditing(null)} />
        ) : (
          <div
            className={`tree-row ${n.kind}${n.path === activePath ? ' active' : ''}${n.path === focused ? ' focused' : ''}`}
            style={{ paddingLeft: 8 + depth * 14 }}
            onClick={() => (setFocused(n.path), n.kind === 'file' ? openFile(n.path) : toggle(n.path))}
            onDoubleClick={() => setEditing({ mode: 'rename', path: n.path, initial: n.path })}
            title={n.path}
          >
            <span className="tree-icon" aria-hidden="true">{n.kind === 'folder' ? (open ? '▾' : '▸') : '·'}</span>
            <span className="tree-name">{n.name}</span>
            <span className="tree-actions">
              <button type="button" className="icon-btn" aria-label={t('tree.rename', { path: n.path })} title={t('tree.renameTitle')} onClick={(e) => (e.stopPropagation(), setEditing({ mode: 'rename', path: n.path, initial: n.path }))}><Icon name="pencil" size={14} /></button>
              <button type="button" className="icon-btn" aria-label={t('tree.delete', { path: n.path })} title={t('tree.deleteTitle')} onClick={(e) => (e.stopPropagation(), deletePath(n.path))}><Icon name="close" size={14} /></button>
            </span>
          </div>
        )}
        {open && n.children.length > 0 && <ul role="group">{n.children.map((c) => render(c, depth + 1))}</ul>}
      </li>
    );
  };

  return (
    <nav className="file-tree" aria-label={t('tree.label')}>
      <div className="tree-bar">
        <span className="tree-title">{t('tree.title')}</span>
        <button type="button" className="icon-btn" aria-label={t('tree.newFile')} title={t('tree.newFile')} onClick={() => startNew('file')}><Icon name="fileAdd" size={18} /></button>
        <button type="button" className="icon-btn" aria-label={t('tree.newFolder')} title={t('tree.newFolder')} onClick={() => startNew('folder')}><Icon name="folderAdd" size={18} /></button>
        <ImportButton />
      </div>
      {editing && editing.mode !== 'rename' && (
        <NameInput label={editing.mode === 'file' ? t('tree.newFilePath') : t('tree.newFolderPath')} initial={editing.initial} onSubmit={submit} onCancel={() => setEditing(null)} />
      )}
      <ul className="tree" role="tree" aria-label={t('tree.title')} tabIndex={0} ref={list} onKeyDown={onKeyDown}>
        {nodes.map((n) => render(n, 0))}
      </ul>
      {nodeNames.length > 0 && (
        <label className="tree-static">
          <span>{t('tree.staticOn')}</span>
          <select aria-label={t('tree.staticLabel')} value="" onChange={(e) => e.target.value && addStatic(e.target.value)}>
            <option value="">{t('tree.pickNode')}</option>
            {nodeNames.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      )}
    </nav>
  );
}
