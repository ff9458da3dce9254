import { Component, type ReactNode } from 'react';
import { ErrorState } from './States';

/** A screen that throws while rendering shows the error instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error !== null ? <ErrorState error={this.state.error} /> : this.props.children;
  }
}
