/**
 * A company's people as a supervisor sees them (issue 8): a multi-select list (click selects,
 * Ctrl/Cmd+click or Space toggles, Shift extends, Esc clears, Ctrl+A takes the loaded ones),
 * each row with a visible checkbox; Enter or a double click opens the person's record. The
 * selection bar below acts on the selected people in THIS company.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { CompanyRecord } from '../../../shared/contract';
import { companyMessages as t, selectionMessages as m } from '../../../shared/messages';
import { displayRut, nameOr } from '../components/display';
import { MembershipSummary } from '../company/MembershipSummary';
import { useCompany } from '../company/company-store';
import { useApp } from '../store';
import { RowCheck } from './RowCheck';
import { SelectionBar } from './SelectionBar';
import { selectionKey, useCompanySelection } from './selection-store';

/** Two lines: the name and RUT, then the profile, state and dates (whole). */
const USER_ROW = 58;

export function SelectableUserList({ company }: { company: CompanyRecord }) {
  const users = useCompany((s) => s.users);
  const nextAfter = useCompany((s) => s.nextAfter);
  const loadingUsers = useCompany((s) => s.loadingUsers);
  const loadMore = useCompany((s) => s.loadMoreUsers);
  const openPerson = useApp((s) => s.openPerson);
  const picked = useCompanySelection((s) => s.selected);
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: users.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => USER_ROW,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  const keys = users.map((user) => user.person.rut);

  // Another company is another list.
  useEffect(() => {
    useCompanySelection.getState().clear();
    setActive(0);
  }, [company.rut]);

  useEffect(() => {
    if (last && nextAfter !== null && !loadingUsers && last.index >= users.length - 20) {
      void loadMore();
    }
  }, [last, nextAfter, loadingUsers, users.length, loadMore]);

  useEffect(() => {
    if (users.length > 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, users.length, virtualizer]);

  if (users.length === 0) return <p className="muted">{t.usersEmpty}</p>;

  const onClick = (event: MouseEvent, index: number) => {
    const key = keys[index]!;
    const store = useCompanySelection.getState();
    if (event.shiftKey) store.extendTo(keys, key);
    else if (event.ctrlKey || event.metaKey) store.toggle(key);
    else store.selectOne(key);
    setActive(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const user = users[active];
      if (user) openPerson(user.person.rut, 'company');
      return;
    }
    let next = active;
    const handled = selectionKey(event, {
      store: useCompanySelection,
      keys,
      activeKey: () => keys[next] ?? null,
      move: (delta) => {
        next = Math.max(0, Math.min(users.length - 1, active + delta));
        setActive(next);
        return keys[next] ?? null;
      },
      inList: true,
    });
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <>
      <p className="muted small">{m.companyListHint}</p>
      <div className="company-users" ref={scrollRef}>
        <div
          id="company-users"
          role="listbox"
          aria-labelledby="company-users-title"
          aria-multiselectable="true"
          aria-activedescendant={`company-user-${active}`}
          tabIndex={0}
          className="company-user-list"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => {
            const user = users[item.index]!;
            const checked = picked.has(user.person.rut);
            return (
              <div
                key={item.key}
                id={`company-user-${item.index}`}
                role="option"
                // Only the rows in view are drawn: each says where it stands among all loaded.
                aria-setsize={users.length}
                aria-posinset={item.index + 1}
                aria-selected={checked}
                className={[
                  'company-user',
                  item.index === active ? 'active' : '',
                  checked ? 'checked' : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
                style={{ transform: `translateY(${item.start}px)`, height: USER_ROW }}
                onMouseDown={(event) => event.shiftKey && event.preventDefault()}
                onClick={(event) => onClick(event, item.index)}
                onDoubleClick={() => openPerson(user.person.rut, 'company')}
              >
                <RowCheck
                  checked={checked}
                  onToggle={() => {
                    useCompanySelection.getState().toggle(user.person.rut);
                    setActive(item.index);
                  }}
                />
                <strong className="company-user-name">{nameOr(user.person)}</strong>
                <span className="rut small-inline">{displayRut(user.person.rut)}</span>
                <MembershipSummary user={user} companyAdherent={company.adherent} />
              </div>
            );
          })}
        </div>
        {nextAfter !== null && (
          <button type="button" className="small-button" onClick={() => void loadMore()}>
            {t.loadMore}
          </button>
        )}
      </div>
      <SelectionBar
        store={useCompanySelection}
        context={{
          source: { kind: 'company', companyRut: company.rut },
          company: { rut: company.rut, name: company.legalName },
          loaded: keys,
          total: Math.max(company.counts.users, keys.length),
          onFinished: () => void useCompany.getState().refresh(),
          listId: 'company-users',
        }}
      />
    </>
  );
}
