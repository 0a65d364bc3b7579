package io.stockroom.app.activity;

import io.stockroom.app.tasks.Debouncer;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import io.stockroom.domain.MovementFilter;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.StockService;
import io.stockroom.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The ledger, newest first, filtered by item, bin, kind and days (issue 16). Typing in a filter
 * searches again after a short pause, off the UI thread; an answer to an older filter is dropped.
 */
public final class ActivityViewModel {

  public static final int LIMIT = 500;
  static final String NOTHING_MOVED =
      "No stock has moved yet. Receive some on the Receive / Pick screen.";
  static final String NOTHING_MATCHES = "No movement matches the filter.";
  public static final Duration TYPING_PAUSE = Duration.ofMillis(150);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** A choice of the kind filter: every kind (null) or one. */
  public record Kind(MovementReason reason) {
    @Override
    public String toString() {
      return reason == null ? "Every kind" : word(reason);
    }
  }

  private final StockService stock;
  private final TaskRunner runner;
  private final ZoneId zone;
  private final Debouncer debouncer;
  private final ObservableList<MovementRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final ReadOnlyStringWrapper emptyText =
      new ReadOnlyStringWrapper(this, "emptyText", NOTHING_MOVED);
  private final StringProperty item = new SimpleStringProperty(this, "item", "");
  private final StringProperty bin = new SimpleStringProperty(this, "bin", "");
  private final ObjectProperty<Kind> kind =
      new SimpleObjectProperty<>(this, "kind", new Kind(null));
  private final ObjectProperty<LocalDate> fromDay = new SimpleObjectProperty<>(this, "fromDay");
  private final ObjectProperty<LocalDate> toDay = new SimpleObjectProperty<>(this, "toDay");
  private final ObservableList<Kind> kinds;
  private long generation;

  public ActivityViewModel(StockService stock, TaskRunner runner, ZoneId zone) {
    this.stock = stock;
    this.runner = runner;
    this.zone = zone;
    this.debouncer = new Debouncer(runner, TYPING_PAUSE);
    List<Kind> all = new ArrayList<>();
    all.add(new Kind(null));
    for (MovementReason r : MovementReason.values()) {
      all.add(new Kind(r));
    }
    kinds = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(all));
    item.addListener((o, a, b) -> debouncer.submit(this::refresh));
    bin.addListener((o, a, b) -> debouncer.submit(this::refresh));
    kind.addListener((o, a, b) -> refresh());
    fromDay.addListener((o, a, b) -> refresh());
    toDay.addListener((o, a, b) -> refresh());
  }

  public void refresh() {
    debouncer.cancel();
    long mine = ++generation;
    MovementFilter filter;
    try {
      filter = filter();
    } catch (ValidationException e) {
      rows.clear();
      summary.set(e.getMessage());
      return;
    }
    runner.run(
        () -> stock.activity(filter, LIMIT).stream().map(this::row).toList(),
        list -> {
          if (mine == generation) {
            rows.setAll(list);
            summary.set(summarize(filter, list.size()));
            emptyText.set(filter.isNone() ? NOTHING_MOVED : NOTHING_MATCHES);
          }
        },
        e -> {
          if (mine == generation) {
            summary.set(Errors.message(e));
          }
        });
  }

  /** Every filter back to "all". */
  public void clearFilter() {
    item.set("");
    bin.set("");
    kind.set(kinds.get(0));
    fromDay.set(null);
    toDay.set(null);
    refresh();
  }

  /** The filter as typed; whole days in the laptop's time zone, both ends included. */
  MovementFilter filter() {
    Kind k = kind.get();
    LocalDate from = fromDay.get();
    LocalDate to = toDay.get();
    if (from != null && to != null && to.isBefore(from)) {
      throw new ValidationException("toDay", "The last day is before the first day.");
    }
    Instant start = from == null ? null : from.atStartOfDay(zone).toInstant();
    Instant end = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
    return new MovementFilter(item.get(), bin.get(), k == null ? null : k.reason(), start, end);
  }

  private static String summarize(MovementFilter filter, int n) {
    if (n == 0) {
      return filter.isNone() ? NOTHING_MOVED : NOTHING_MATCHES;
    }
    String count =
        n >= LIMIT ? "Latest " + LIMIT + " movements" : n + (n == 1 ? " movement" : " movements");
    return filter.isNone() ? count : count + " match the filter";
  }

  private MovementRow row(StockMovement m) {
    return new MovementRow(
        m.occurredAt() == null ? "" : WHEN.format(m.occurredAt().atZone(zone)),
        word(m.reason()),
        nz(m.sku()),
        nz(m.itemName()),
        nz(m.fromCode()),
        nz(m.toCode()),
        signed(m),
        reference(m),
        m.syncStatus() == null ? "" : m.syncStatus().dbValue());
  }

  /** A count's correction carries its count's id as reference; a worker reads "Cycle count". */
  static String reference(StockMovement m) {
    String ref = nz(m.reference());
    return m.reason() == MovementReason.COUNT && COUNT_REFERENCE.matcher(ref).matches()
        ? "Cycle count"
        : ref;
  }

  private static final java.util.regex.Pattern COUNT_REFERENCE =
      java.util.regex.Pattern.compile("count [0-9a-fA-F-]{36}");

  static String word(MovementReason r) {
    return r.name().charAt(0) + r.name().substring(1).toLowerCase(Locale.ROOT);
  }

  /** In (+), out (-), or between two bins (no sign): a count's correction reads as what it did. */
  private static String signed(StockMovement m) {
    String q = Quantities.format(m.quantity());
    if (m.fromCode() != null && m.toCode() != null) {
      return q;
    }
    return (m.toCode() != null ? "+" : "\u2212") + q;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  public ObservableList<MovementRow> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }

  /** What the empty table says: nothing moved yet, or nothing matches the filter. */
  public ReadOnlyStringProperty emptyTextProperty() {
    return emptyText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** Start of a SKU or of a word of the item's name. */
  public StringProperty itemProperty() {
    return item;
  }

  /** A bin code: movements into or out of it. */
  public StringProperty binProperty() {
    return bin;
  }

  public ObjectProperty<Kind> kindProperty() {
    return kind;
  }

  public ObservableList<Kind> kinds() {
    return kinds;
  }

  /** First day shown (included); null for no start. */
  public ObjectProperty<LocalDate> fromDayProperty() {
    return fromDay;
  }

  /** Last day shown (included); null for no end. */
  public ObjectProperty<LocalDate> toDayProperty() {
    return toDay;
  }
}
