// A panel that throws shows its error and a retry button; the other panels (and the editor's
// text) carry on. Never the whole page.
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
        <strong>The {this.props.name} panel failed.</strong>
        <pre>{error.message}</pre>
        <button type="button" className="btn-light" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
