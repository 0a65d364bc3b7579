package io.stockroom.app.queue;

import io.stockroom.app.Errors;
import io.stockroom.app.TaskRunner;
import io.stockroom.domain.OutboxService;
import io.stockroom.domain.QueuedMutation;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The local mutation queue: what this laptop will push at its next sync, oldest first. */
public final class QueueViewModel {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final OutboxService outbox;
  private final TaskRunner runner;
  private final ZoneId zone;
  private final ObservableList<QueueRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private long generation;

  public QueueViewModel(OutboxService outbox, TaskRunner runner, ZoneId zone) {
    this.outbox = outbox;
    this.runner = runner;
    this.zone = zone;
  }

  public void refresh() {
    long mine = ++generation;
    runner.run(
        () -> outbox.open().stream().map(this::row).toList(),
        list -> {
          if (mine == generation) {
            rows.setAll(list);
            summary.set(
                list.isEmpty()
                    ? "Nothing waiting: every local change has been sent."
                    : list.size()
                        + (list.size() == 1 ? " change waits" : " changes wait")
                        + " on this laptop for the next sync.");
          }
        },
        e -> summary.set(Errors.message(e)));
  }

  private QueueRow row(QueuedMutation m) {
    return new QueueRow(
        m.seq(),
        m.entityType().wireName(),
        m.action().wireName(),
        String.valueOf(m.entityId()),
        String.valueOf(m.idempotencyKey()),
        m.status().dbValue(),
        m.retryCount() + "/" + m.maxRetries(),
        m.createdAt() == null ? "" : WHEN.format(m.createdAt().atZone(zone)),
        m.error() == null ? "" : m.error());
  }

  public ObservableList<QueueRow> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }
}
