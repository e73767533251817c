import { Alert, Button } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n';

interface Props {
  children: ReactNode;
  /** What the user is shown in place of the screen that failed. */
  fallback: (error: Error) => ReactNode;
}

/** Catches a render error or a chunk that failed to load, so one broken screen does not blank the whole console. */
class Boundary extends Component<Props, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('the console failed to draw a screen', error, info.componentStack);
  }

  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/**
 * The screen within, or, when it fails, what failed and a reload (a new deployment's chunks may have replaced the ones
 * this page was built with). Give it a `key` that changes with the route, so that moving elsewhere tries again.
 */
export function ScreenBoundary({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Boundary
      fallback={(error) => (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="screen-failed"
          title={t('crashed')}
          description={`${t('crashedHint')} (${error.message})`}
          action={<Button onClick={() => window.location.reload()}>{t('reload')}</Button>}
        />
      )}
    >
      {children}
    </Boundary>
  );
}
