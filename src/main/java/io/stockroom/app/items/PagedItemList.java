package io.stockroom.app.items;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableListBase;

/**
 * A read-only list of {@code size} item rows of which only the pages a table asks for are loaded.
 * {@link #get} hands out an empty row at once and asks the loader for its page; the loaded items
 * fill those same rows, so a virtualized table shows them without a list change. At most {@code
 * maxPages} pages are kept; a page dropped and asked for again is loaded again.
 *
 * <p>One page loads at a time, the one asked for last first: dragging the scroll bar across 100,000
 * rows queues no backlog, because only the last few pages asked for stay wanted and the rest are
 * forgotten (they load again if the table comes back to them).
 */
public final class PagedItemList extends ObservableListBase<ItemRow> {

  /** Loads one page off the UI thread and calls {@code done} on the UI thread. */
  @FunctionalInterface
  public interface PageLoader {
    void load(int offset, int limit, java.util.function.Consumer<List<Listed>> done);
  }

  private final int size;
  private final int pageSize;
  private final int maxPages;
  private final PageLoader loader;
  static final int MAX_WANTED = 4;

  private final Deque<Integer> wanted = new ArrayDeque<>();
  private boolean loading;
  private final LinkedHashMap<Integer, List<ItemRow>> pages;

  public PagedItemList(int size, int pageSize, int maxPages, PageLoader loader) {
    this.size = size;
    this.pageSize = pageSize;
    this.maxPages = maxPages;
    this.loader = loader;
    this.pages =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, List<ItemRow>> eldest) {
            return size() > PagedItemList.this.maxPages;
          }
        };
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public ItemRow get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    int page = index / pageSize;
    List<ItemRow> rows = pages.get(page);
    if (rows == null) {
      rows = emptyPage(page);
      pages.put(page, rows);
      request(page, rows);
    }
    return rows.get(index % pageSize);
  }

  /** Fills a page the caller already has (the first page comes with the count). */
  public void prime(int offset, List<Listed> items) {
    if (offset % pageSize != 0) {
      throw new IllegalArgumentException("offset must start a page");
    }
    int page = offset / pageSize;
    List<ItemRow> rows = emptyPage(page);
    pages.put(page, rows);
    fill(rows, items);
  }

  /**
   * After a local edit that kept the count: the pages used last (the ones on screen) load again in
   * place; older pages are dropped and load again when the table asks for them.
   */
  public void reloadRecentPages(int recent) {
    List<Map.Entry<Integer, List<ItemRow>>> kept = List.copyOf(pages.entrySet());
    int drop = Math.max(0, kept.size() - recent);
    for (int i = 0; i < kept.size(); i++) {
      Map.Entry<Integer, List<ItemRow>> e = kept.get(i);
      if (i < drop) {
        pages.remove(e.getKey());
      } else {
        request(e.getKey(), e.getValue());
      }
    }
  }

  /** Where the item with this id is among the loaded rows, or -1 (nothing is loaded to find it). */
  public int indexOfLoaded(java.util.UUID id) {
    for (Map.Entry<Integer, List<ItemRow>> e : pages.entrySet()) {
      List<ItemRow> rows = e.getValue();
      for (int i = 0; i < rows.size(); i++) {
        if (id.equals(rows.get(i).id())) {
          return e.getKey() * pageSize + i;
        }
      }
    }
    return -1;
  }

  /** How many pages are held now (for tests: a 100K list never holds them all). */
  public int keptPages() {
    return pages.size();
  }

  private List<ItemRow> emptyPage(int page) {
    int count = Math.min(pageSize, size - page * pageSize);
    List<ItemRow> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(new ItemRow());
    }
    return rows;
  }

  private void request(int page, List<ItemRow> rows) {
    wanted.remove(page);
    wanted.addLast(page);
    while (wanted.size() > MAX_WANTED) {
      int forgotten = wanted.removeFirst();
      List<ItemRow> stale = pages.get(forgotten);
      if (stale != null && !stale.get(0).loadedProperty().get()) {
        pages.remove(forgotten);
      }
    }
    pump();
  }

  private void pump() {
    while (!loading && !wanted.isEmpty()) {
      int page = wanted.removeLast();
      List<ItemRow> rows = pages.get(page);
      if (rows == null) {
        continue;
      }
      loading = true;
      loader.load(
          page * pageSize,
          rows.size(),
          items -> {
            loading = false;
            fill(rows, items);
            pump();
          });
    }
  }

  private static void fill(List<ItemRow> rows, List<Listed> items) {
    for (int i = 0; i < rows.size() && i < items.size(); i++) {
      rows.get(i).fill(items.get(i).item(), items.get(i).onHand());
    }
  }

  /** Looks only at loaded rows: a table asks this when its list changes, and must not load all. */
  @Override
  public int indexOf(Object o) {
    for (Map.Entry<Integer, List<ItemRow>> e : pages.entrySet()) {
      int i = e.getValue().indexOf(o);
      if (i >= 0) {
        return e.getKey() * pageSize + i;
      }
    }
    return -1;
  }

  @Override
  public int lastIndexOf(Object o) {
    return indexOf(o);
  }

  @Override
  public boolean contains(Object o) {
    return indexOf(o) >= 0;
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
