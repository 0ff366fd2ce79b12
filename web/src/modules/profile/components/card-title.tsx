import type { ReactNode } from 'react';

/** A card's title as the page's second heading level (the page title is the one h1). */
export function CardTitle({ children }: { children: ReactNode }) {
  return <h2 style={{ fontSize: 16, fontWeight: 600, margin: 0 }}>{children}</h2>;
}
