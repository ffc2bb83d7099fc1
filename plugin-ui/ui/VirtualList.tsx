import React, { useCallback, useState } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  height: number;
  renderRow: (item: T, index: number) => React.ReactNode;
  rowKey: (item: T) => string;
  label: string;
  overscan?: number;
  /** false renders every row: the baseline the bench compares against. */
  windowed?: boolean;
}

/** Fixed-height rows; only those in (or near) the viewport are mounted. */
export function VirtualList<T>(props: VirtualListProps<T>): React.ReactElement {
  const { items, rowHeight, height, renderRow, rowKey, label, overscan = 6, windowed = true } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const onScroll = useCallback((event: React.UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop), []);
  const total = items.length;
  const first = windowed ? Math.max(0, Math.floor(scrollTop / rowHeight) - overscan) : 0;
  const last = windowed ? Math.min(total, Math.ceil((scrollTop + height) / rowHeight) + overscan) : total;
  const rows: React.ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index] as T;
    rows.push(
      <div
        key={rowKey(item)}
        role="listitem"
        aria-setsize={total}
        aria-posinset={index + 1}
        style={{ position: 'absolute', top: index * rowHeight, left: 0, right: 0, height: rowHeight }}
      >
        {renderRow(item, index)}
      </div>,
    );
  }
  return (
    <div
      role="list"
      aria-label={label}
      data-testid="virtual-list"
      onScroll={onScroll}
      style={{ height, overflowY: 'auto', position: 'relative', border: '1px solid #dfe1e5' }}
    >
      <div style={{ height: total * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
