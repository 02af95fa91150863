/**
 * A part of the desk that throws while drawing (a record the screen cannot read, a bug) says so in
 * its place, instead of React unmounting the whole window to a blank page. `resetKey` changing (another
 * record, another screen) tries again by itself; «Volver a intentar» does it by hand. The root's
 * boundary (`whole`) offers a reload, as nothing around it is left to work with.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { screenErrorMessages as t } from '../../../shared/messages';

type Props = { children: ReactNode; resetKey?: unknown; whole?: boolean };
type State = { failed: boolean; key: unknown };

export class ScreenErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.key ? null : { failed: false, key: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // For support, in the window's developer console; never shown to the agent.
    console.error('screen failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="notice notice-danger screen-error" role="alert">
        <strong>{t.title}</strong>
        <p>{t.say}</p>
        <button
          type="button"
          className="small-button"
          onClick={() =>
            this.props.whole ? window.location.reload() : this.setState({ failed: false })
          }
        >
          {this.props.whole ? t.reload : t.retry}
        </button>
      </section>
    );
  }
}
