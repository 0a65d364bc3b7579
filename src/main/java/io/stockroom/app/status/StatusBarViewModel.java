package io.stockroom.app.status;

import io.stockroom.app.agent.SyncControl;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.domain.OutboxService;
import io.stockroom.sync.SyncStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Connection, pending changes, last sync and the account. The sync agent publishes an immutable
 * status on its own thread; the composition root hands it to {@link #apply} on the FX thread.
 * Without an agent the app is offline and the pending count comes from the local queue.
 */
public final class StatusBarViewModel {

  /** A profile with no server: nothing is wrong, it simply works on its own (issue 16). */
  public static final String NOT_CONNECTED = "Working offline - not connected to a server";

  private static final String NOT_CONNECTED_DETAIL =
      "Everything you do is kept on this laptop. Connect to a server... to share it with the"
          + " warehouse.";

  private final OutboxService outbox;
  private final TaskRunner runner;
  private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(this, "online", false);
  private final ReadOnlyStringWrapper connection =
      new ReadOnlyStringWrapper(this, "connection", NOT_CONNECTED);
  private final ReadOnlyStringWrapper connectionDetail =
      new ReadOnlyStringWrapper(this, "detail", NOT_CONNECTED_DETAIL);
  private final ReadOnlyStringWrapper pending =
      new ReadOnlyStringWrapper(this, "pending", "0 pending");
  private final ReadOnlyStringWrapper lastSync =
      new ReadOnlyStringWrapper(this, "lastSync", "Last sync: never");
  private final ReadOnlyStringWrapper conflicts = new ReadOnlyStringWrapper(this, "conflicts", "");
  private final ReadOnlyBooleanWrapper stoppable =
      new ReadOnlyBooleanWrapper(this, "stoppable", false);
  private final SyncControl sync;
  private final AccountViewModel account;
  private final ZoneId zone;
  private long generation;

  public StatusBarViewModel(OutboxService outbox, TaskRunner runner) {
    this(outbox, runner, SyncControl.none(), ZoneId.systemDefault());
  }

  public StatusBarViewModel(
      OutboxService outbox, TaskRunner runner, SyncControl sync, ZoneId zone) {
    this.outbox = outbox;
    this.runner = runner;
    this.sync = sync;
    this.account = new AccountViewModel(sync, runner);
    this.zone = zone;
  }

  /** Shows the agent's latest status. Call on the UI thread. */
  public void apply(SyncStatus s) {
    generation++; // a queue count read before this is older than the agent's
    account.signedIn(s.server() != null); // an account is stored, even if the server refused it
    // Only a sync that is receiving records is worth stopping (a long first sync); a short one
    // would flip the button under a click meant for "Sync now".
    stoppable.set(s.state() == SyncStatus.State.SYNCING && s.pulledThisCycle() > 0);
    online.set(s.state() == SyncStatus.State.ONLINE || s.state() == SyncStatus.State.SYNCING);
    switch (s.state()) {
      case SIGNED_OUT -> {
        if (s.server() != null && s.lastError() != null) {
          // The server refused the stored sign-in (revoked, or the user was removed).
          connection.set("Sign in again");
          connectionDetail.set(
              s.server()
                  + " no longer accepts this laptop's sign-in. Open Account... and sign in again;"
                  + " your work stays on this laptop.");
        } else {
          connection.set(NOT_CONNECTED);
          connectionDetail.set(NOT_CONNECTED_DETAIL);
        }
      }
      case OFFLINE -> {
        connection.set("Offline");
        connectionDetail.set(
            "Cannot reach "
                + (s.server() == null ? "the server" : s.server())
                + (s.nextRetryAt() == null ? "" : "; next try at " + time(s.nextRetryAt()))
                + (s.lastError() == null ? "" : " (" + s.lastError() + ")"));
      }
      case SYNCING -> {
        // Short, so the slot does not grow as the count does; the tooltip says what it counts.
        connection.set(
            s.pulledThisCycle() > 0
                ? String.format(java.util.Locale.ROOT, "Syncing... %,d", s.pulledThisCycle())
                : "Syncing...");
        connectionDetail.set(
            "Syncing with "
                + s.server()
                + (s.pulledThisCycle() > 0
                    ? String.format(
                        java.util.Locale.ROOT, ": %,d records received so far", s.pulledThisCycle())
                    : ""));
      }
      case ONLINE -> {
        connection.set(s.liveConnected() ? "Online (live)" : "Online");
        connectionDetail.set(
            isCancelled(s.lastError())
                ? "Sync stopped. What was already received is kept; the next sync goes on from"
                    + " there."
                : "Signed in to " + s.server() + " as " + s.user());
      }
    }
    pending.set(pendingText(s.pending(), s.failed()));
    lastSync.set("Last sync: " + (s.lastSync() == null ? "never" : time(s.lastSync())));
  }

  /** "1,234 pending, 56 failed"; grouped, so a large count reads at a glance. */
  private static String pendingText(int pending, int failed) {
    String text = String.format(java.util.Locale.ROOT, "%,d pending", pending);
    return failed > 0 ? text + String.format(java.util.Locale.ROOT, ", %,d failed", failed) : text;
  }

  private String time(java.time.Instant t) {
    return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone).format(t);
  }

  private static boolean isCancelled(String error) {
    return error != null && error.startsWith("sync cancelled");
  }

  /** Stops the running sync (a long first sync) at its next page; what it received stays. */
  public void cancelSync() {
    sync.cancelSync();
  }

  /** Whether a long sync is running: the status bar offers to stop it, in Sync now's place. */
  public ReadOnlyBooleanProperty stoppableProperty() {
    return stoppable.getReadOnlyProperty();
  }

  /** "Sync now": runs a cycle whatever the backoff. */
  public void syncNow() {
    sync.syncNow();
  }

  /** The sign-in dialog's view model. */
  public AccountViewModel account() {
    return account;
  }

  public void refresh() {
    long mine = ++generation;
    runner.run(
        outbox::pendingCount,
        n -> {
          if (mine == generation) {
            pending.set(pendingText(n, 0));
          }
        },
        e -> pending.set("pending: unknown"));
  }

  /** The open conflicts, as the inbox counts them; empty at zero. */
  public void openConflicts(int n) {
    conflicts.set(n == 0 ? "" : n + (n == 1 ? " conflict" : " conflicts"));
  }

  public ReadOnlyStringProperty conflictsProperty() {
    return conflicts.getReadOnlyProperty();
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
