// A panel that throws shows its error and a retry button; the other panels (and the editor's
// text) carry on. Never the whole page.
import i18next from 'i18next';
import { Component, type ReactNode } from 'react';

interface Props {
  name: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-error" role="alert">
        <strong>{i18next.t('panel.failed', { name: i18next.t(`panel.${this.props.name}` as 'panel.editor', { defaultValue: this.props.name }) })}</strong>
        <pre>{error.message}</pre>
        <button type="button" className="btn-light" onClick={() => this.setState({ error: null })}>
          {i18next.t('panel.retry')}
        </button>
      </div>
    );
  }
}
