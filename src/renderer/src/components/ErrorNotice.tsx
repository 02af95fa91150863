import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A refusal or a failure, said where it happened and brought into view when it appears: at the
 * foot of a long dialog, below its fold, it was as good as unsaid (the agent clicked again and
 * nothing seemed to happen). The sticky footer's height is kept clear (styles.css).
 */
export function ErrorNotice({ id, children }: { id?: string; children: ReactNode }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [children]);
  return (
    <p id={id} ref={ref} role="alert" className="notice notice-danger">
      {children}
    </p>
  );
}
