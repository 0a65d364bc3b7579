package io.stockroom.app.activity;

import io.stockroom.app.Errors;
import io.stockroom.app.TaskRunner;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.StockService;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The latest stock movements, newest first. */
public final class ActivityViewModel {

  public static final int LIMIT = 500;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final StockService stock;
  private final TaskRunner runner;
  private final ZoneId zone;
  private final ObservableList<MovementRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private long generation;

  public ActivityViewModel(StockService stock, TaskRunner runner, ZoneId zone) {
    this.stock = stock;
    this.runner = runner;
    this.zone = zone;
  }

  public void refresh() {
    long mine = ++generation;
    runner.run(
        () -> stock.activity(LIMIT).stream().map(this::row).toList(),
        list -> {
          if (mine == generation) {
            rows.setAll(list);
            summary.set(
                list.isEmpty()
                    ? "No stock has moved yet. Receive some on the Receive / Pick screen."
                    : list.size() >= LIMIT
                        ? "Latest " + LIMIT + " movements"
                        : list.size() + (list.size() == 1 ? " movement" : " movements"));
          }
        },
        e -> summary.set(Errors.message(e)));
  }

  private MovementRow row(StockMovement m) {
    return new MovementRow(
        m.occurredAt() == null ? "" : WHEN.format(m.occurredAt().atZone(zone)),
        m.reason().name().charAt(0) + m.reason().name().substring(1).toLowerCase(Locale.ROOT),
        nz(m.sku()),
        nz(m.itemName()),
        nz(m.fromCode()),
        nz(m.toCode()),
        signed(m),
        nz(m.reference()),
        m.syncStatus() == null ? "" : m.syncStatus().dbValue());
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

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }
}
