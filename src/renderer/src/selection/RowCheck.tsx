/**
 * A row's visible checkbox in a selectable list. The row itself carries aria-selected for
 * screen readers (an option may not hold a control), so this box is what a mouse clicks.
 */
export function RowCheck({ checked, onToggle }: { checked: boolean; onToggle: () => void }) {
  return (
    <span
      className={checked ? 'row-check on' : 'row-check'}
      aria-hidden="true"
      onClick={(event) => {
        // Shift+click extends the selection to this row, as on the row itself: its handler
        // takes the click. Any other click ticks or unticks this row alone.
        if (event.shiftKey) return;
        event.stopPropagation();
        onToggle();
      }}
    >
      {checked ? '✓' : ''}
    </span>
  );
}
