/**
 * A small label after a word in a cell («Usuario empresa EXTERNO»), with the space before it: a
 * word glued to its tag cannot wrap, and widened its column past a 1024-pixel window.
 */
export function TrailingTag({ children }: { children: string }) {
  return (
    <>
      {' '}
      <span className="tag">{children}</span>
    </>
  );
}
