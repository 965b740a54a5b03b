/**
 * The frame of every patient screen: a header, the screen's own content, and a footer that
 * always shows where to get help now (988, 911), whatever the screen. The heading takes the
 * focus when a screen appears, so a screen reader announces each new question or step.
 */
import { type ReactNode, useEffect, useRef } from 'react';

export function Screen({ title, children, titleId }: { title: ReactNode; children: ReactNode; titleId?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [title]);
  return (
    <>
      <header className="pa-header">Your care team check-in</header>
      <main className="pa-main">
        <h1 ref={heading} tabIndex={-1} id={titleId}>
          {title}
        </h1>
        {children}
      </main>
      <footer className="pa-footer">
        <p>
          Need help now? Call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline), any time. In an emergency, call <a href="tel:911">911</a>.
        </p>
      </footer>
    </>
  );
}
