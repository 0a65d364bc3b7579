package io.stockroom.app.status;

import io.stockroom.app.TaskRunner;
import io.stockroom.domain.OutboxService;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Connection, pending changes and last sync. No sync agent is wired in yet, so the app is offline
 * and has never synced; the pending count comes from the local queue.
 */
public final class StatusBarViewModel {

  private final OutboxService outbox;
  private final TaskRunner runner;
  private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(this, "online", false);
  private final ReadOnlyStringWrapper connection =
      new ReadOnlyStringWrapper(this, "connection", "Offline");
  private final ReadOnlyStringWrapper connectionDetail =
      new ReadOnlyStringWrapper(this, "detail", "No sync server set up; working from this laptop.");
  private final ReadOnlyStringWrapper pending =
      new ReadOnlyStringWrapper(this, "pending", "0 pending");
  private final ReadOnlyStringWrapper lastSync =
      new ReadOnlyStringWrapper(this, "lastSync", "Last sync: never");
  private long generation;

  public StatusBarViewModel(OutboxService outbox, TaskRunner runner) {
    this.outbox = outbox;
    this.runner = runner;
  }

  public void refresh() {
    long mine = ++generation;
    runner.run(
        outbox::pendingCount,
        n -> {
          if (mine == generation) {
            pending.set(n + " pending");
          }
        },
        e -> pending.set("pending: unknown"));
  }

  public ReadOnlyBooleanProperty onlineProperty() {
    return online.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty connectionProperty() {
    return connection.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty connectionDetailProperty() {
    return connectionDetail.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty pendingProperty() {
    return pending.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty lastSyncProperty() {
    return lastSync.getReadOnlyProperty();
  }
}
