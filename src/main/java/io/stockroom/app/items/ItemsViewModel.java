package io.stockroom.app.items;

import io.stockroom.app.tasks.Debouncer;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import io.stockroom.domain.CatalogService;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemOrder;
import io.stockroom.domain.StockService;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The items list: searches by SKU, barcode or name as the user types. The query runs off the UI
 * thread after a short pause in typing; an answer to an older query is dropped. The result is a
 * {@link PagedItemList}, so 100,000 items never load at once.
 */
public final class ItemsViewModel {

  public static final Duration TYPING_PAUSE = Duration.ofMillis(150);
  static final int PAGE_SIZE = 200;
  static final int MAX_PAGES = 40;
  static final int RELOADED_PAGES = 3;

  private final CatalogService catalog;
  private final StockService stock;
  private final TaskRunner runner;
  private final Debouncer debouncer;

  private final StringProperty query = new SimpleStringProperty(this, "query", "");
  private final ObjectProperty<ItemOrder> order =
      new SimpleObjectProperty<>(this, "order", ItemOrder.SKU);
  private final ReadOnlyObjectWrapper<PagedItemList> items =
      new ReadOnlyObjectWrapper<>(
          this, "items", new PagedItemList(0, PAGE_SIZE, 1, (o, l, d) -> {}));
  private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final ReadOnlyBooleanWrapper firstRun = new ReadOnlyBooleanWrapper(this, "firstRun");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

  private final ReadOnlyObjectWrapper<Reveal> revealed =
      new ReadOnlyObjectWrapper<>(this, "revealed", new Reveal(0, -1));

  /** Bumped by every search; an answer carrying an older number is stale. */
  private long generation;

  public ItemsViewModel(
      CatalogService catalog, StockService stock, TaskRunner runner, Duration typingPause) {
    this.catalog = catalog;
    this.stock = stock;
    this.runner = runner;
    this.debouncer = new Debouncer(runner, typingPause);
    query.addListener((obs, old, now) -> debouncer.submit(this::refresh));
    order.addListener((obs, old, now) -> refresh());
  }

  /** Searches now for the current query (first load, or after a local change). */
  public void refresh() {
    debouncer.cancel();
    long mine = ++generation;
    String q = query.get() == null ? "" : query.get().strip();
    ItemOrder o = order.get();
    loading.set(true);
    runner.run(
        () -> {
          int count = catalog.count(q);
          List<Listed> first = count == 0 ? List.of() : page(q, o, 0, PAGE_SIZE);
          return new FirstPage(count, first);
        },
        page -> {
          if (mine != generation) {
            return;
          }
          loading.set(false);
          error.set("");
          items.set(newList(q, o, page));
          total.set(page.count);
          firstRun.set(page.count == 0 && q.isEmpty());
          summary.set(summarize(q, page.count));
        },
        e -> {
          if (mine == generation) {
            loading.set(false);
            firstRun.set(false); // the welcome pane would cover the error
            error.set(Errors.message(e));
          }
        });
  }

  /**
   * After a local write: if the number of matches is unchanged the loaded rows reload in place (the
   * table keeps its scroll position), otherwise the search runs again.
   */
  public void reload() {
    long mine = generation;
    String q = query.get() == null ? "" : query.get().strip();
    runner.run(
        () -> catalog.count(q),
        count -> {
          if (mine != generation) {
            return;
          }
          if (count == total.get() && count > 0) {
            items.get().reloadRecentPages(RELOADED_PAGES);
          } else {
            refresh();
          }
        },
        e -> error.set(Errors.message(e)));
  }

  /**
   * An item was opened from elsewhere (a scan, a conflict): its row is selected and scrolled to if
   * the list holds it loaded, and no other row stays selected otherwise. Never loads pages.
   */
  public void reveal(UUID itemId) {
    int index = itemId == null ? -1 : items.get().indexOfLoaded(itemId);
    revealed.set(new Reveal(revealed.get().serial() + 1, index));
  }

  /**
   * The row the table should select and show; {@code index} is -1 for none. A new value every time,
   * so revealing the same row twice is seen twice.
   */
  public record Reveal(long serial, int index) {}

  public ReadOnlyObjectProperty<Reveal> revealedProperty() {
    return revealed.getReadOnlyProperty();
  }

  /** A page of items with their on-hand totals; off the UI thread. */
  private List<Listed> page(String q, ItemOrder o, int offset, int limit) {
    List<Item> found = catalog.search(q, o, offset, limit);
    Map<UUID, BigDecimal> totals = stock.onHandTotals(found.stream().map(Item::id).toList());
    return found.stream().map(i -> new Listed(i, totals.get(i.id()))).toList();
  }

  private PagedItemList newList(String q, ItemOrder o, FirstPage page) {
    long mine = generation;
    PagedItemList list =
        new PagedItemList(
            page.count,
            PAGE_SIZE,
            MAX_PAGES,
            (offset, limit, done) ->
                runner.run(
                    () -> page(q, o, offset, limit),
                    rows -> {
                      if (mine == generation) {
                        done.accept(rows);
                      }
                    },
                    e -> {
                      error.set(Errors.message(e));
                      done.accept(List.of());
                    }));
    if (!page.first.isEmpty()) {
      list.prime(0, page.first);
    }
    return list;
  }

  private static String summarize(String q, int count) {
    String n = String.format("%,d", count);
    if (q.isEmpty()) {
      return count == 1 ? "1 item" : n + " items";
    }
    if (count == 0) {
      return "No item matches \"" + q + "\"";
    }
    return (count == 1 ? "1 item matches" : n + " items match") + " \"" + q + "\"";
  }

  private record FirstPage(int count, List<Listed> first) {}

  /** How the list is sorted; changing it loads the list again from the top. */
  public ObjectProperty<ItemOrder> orderProperty() {
    return order;
  }

  public StringProperty queryProperty() {
    return query;
  }

  public ReadOnlyObjectProperty<PagedItemList> itemsProperty() {
    return items.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty totalProperty() {
    return total.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** True when the catalog is empty and nothing is typed: the view shows its first-run screen. */
  public ReadOnlyBooleanProperty firstRunProperty() {
    return firstRun.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
