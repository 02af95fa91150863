import { SEARCH_TEXT_MAX } from '../../../shared/contract';
import { forwardRef, type KeyboardEvent } from 'react';
import { searchMessages } from '../../../shared/messages';
import { useApp } from '../store';
import { LIST_STEPS, searchSelectionKey, useMultiSelect } from './ResultList';

type Props = { onOpened: () => void };

/** The one search box: ↑ ↓ move through results, Enter opens, Backspace on empty leaves a company. */
export const SearchBox = forwardRef<HTMLInputElement, Props>(function SearchBox({ onOpened }, ref) {
  const text = useApp((s) => s.text);
  const scope = useApp((s) => s.scope);
  const rows = useApp((s) => s.rows);
  const selected = useApp((s) => s.selected);
  const setText = useApp((s) => s.setText);
  const move = useApp((s) => s.move);
  const openSelected = useApp((s) => s.openSelected);
  const clearScope = useApp((s) => s.clearScope);

  const multi = useMultiSelect();

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Supervisors: arrows also select, Shift+arrows extend, Esc clears (issue 8).
    if (multi && searchSelectionKey(event, false)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    const step = LIST_STEPS[event.key];
    if (step !== undefined) {
      event.preventDefault();
      move(step);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const row = rows[selected];
      if (openSelected() && row) onOpened();
    } else if (event.key === 'Backspace' && text === '' && scope) {
      event.preventDefault();
      clearScope();
    }
  };

  return (
    <div className="search">
      {scope && (
        <button
          type="button"
          className="scope-chip"
          onClick={clearScope}
          aria-label={`${searchMessages.scopeChip(scope.legalName)}. ${searchMessages.clearScope}`}
        >
          {searchMessages.scopeChip(scope.legalName)} <span aria-hidden="true">×</span>
        </button>
      )}
      <input
        ref={ref}
        type="search"
        role="combobox"
        aria-label={searchMessages.boxLabel}
        aria-expanded={rows.length > 0}
        aria-controls="results"
        aria-activedescendant={rows.length > 0 ? `result-${selected}` : undefined}
        autoComplete="off"
        spellCheck={false}
        autoFocus
        placeholder={scope ? searchMessages.placeholderInCompany : searchMessages.placeholder}
        value={text}
        maxLength={SEARCH_TEXT_MAX}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <kbd className="search-hint" aria-hidden="true">
        {searchMessages.boxKey}
      </kbd>
    </div>
  );
});
