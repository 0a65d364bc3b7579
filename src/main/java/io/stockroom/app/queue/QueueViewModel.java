package io.stockroom.app.queue;

import io.stockroom.app.agent.SyncControl;
import io.stockroom.app.conflicts.ConflictDialogs;
import io.stockroom.app.conflicts.ExplanationViewModel;
import io.stockroom.app.conflicts.Explanations;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Dialogs;
import io.stockroom.app.ui.Errors;
import io.stockroom.app.ui.TextClipboard;
import io.stockroom.domain.OutboxService;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.SyncDesk;
import io.stockroom.domain.SyncLogEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sync screen: the local queue (pending, in flight, failed with its error; retry, discard after
 * a confirmation, explain), the pull cursors, the sync log with bytes per cycle and today's totals,
 * and "Sync now".
 */
public final class QueueViewModel {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final int LOG_ROWS = 2_000;

  /** What the sync screen needs besides the queue; {@link #none()} for a queue-only screen. */
  public record Desk(
      SyncDesk desk,
      Dialogs dialogs,
      ConflictDialogs explain,
      TextClipboard clipboard,
      SyncControl sync,
      LocalChanges changes,
      Clock clock) {

    public static Desk none() {
      return new Desk(
          SyncDesk.none(),
          (t, m, c) -> false,
          null,
          text -> {},
          SyncControl.none(),
          new LocalChanges(),
          Clock.systemUTC());
    }
  }

  private final OutboxService outbox;
  private final TaskRunner runner;
  private final ZoneId zone;
  private final Desk d;
  private final ObservableList<QueueRow> rows = FXCollections.observableArrayList();
  private final ObservableList<CursorRow> cursors = FXCollections.observableArrayList();
  private final ObservableList<LogRow> log = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper(this, "totals", "");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final BackgroundSyncSettings settings;
  private long generation;

  /** When the user pressed "Sync now", until a cycle started since then has ended; else null. */
  private java.time.Instant syncAskedAt;

  public QueueViewModel(OutboxService outbox, TaskRunner runner, ZoneId zone) {
    this(outbox, runner, zone, Desk.none());
  }

  public QueueViewModel(OutboxService outbox, TaskRunner runner, ZoneId zone, Desk desk) {
    this.outbox = outbox;
    this.runner = runner;
    this.zone = zone;
    this.d = desk;
    this.settings = new BackgroundSyncSettings(runner, desk.sync(), message::set);
  }

  /** Reads the interval and the battery rule from the agent (once; they change only here). */
  public void loadSettings() {
    settings.load();
  }

  private record Snapshot(
      List<QueueRow> queue,
      List<CursorRow> cursors,
      List<LogRow> log,
      String totals,
      SyncLogEntry newest) {}

  public void refresh() {
    if (!settings.loaded()) {
      loadSettings();
    }
    long mine = ++generation;
    runner.run(
        this::read,
        s -> {
          if (mine == generation) {
            rows.setAll(s.queue());
            cursors.setAll(s.cursors());
            log.setAll(s.log().subList(0, Math.min(200, s.log().size())));
            totals.set(s.totals());
            settleSyncMessage(s.newest());
            long failed = s.queue().stream().filter(QueueRow::failed).count();
            int n = s.queue().size();
            summary.set(
                n == 0
                    ? "Nothing waiting: every local change has been sent."
                    : n
                        + (n == 1 ? " change waits" : " changes wait")
                        + " on this laptop for the next sync."
                        + (failed == 0 ? "" : " " + failed + " failed: retry or discard them."));
          }
        },
        e -> summary.set(Errors.message(e)));
  }

  private Snapshot read() {
    List<QueuedMutation> open = outbox.open();
    Map<UUID, String> labels = outbox.labels(open);
    List<QueueRow> queue = open.stream().map(m -> row(m, labels.get(m.id()))).toList();
    List<CursorRow> cs =
        d.desk().cursors().stream()
            .map(
                c ->
                    new CursorRow(
                        QueueTexts.capitalized(c.entity().words()),
                        c.cursor() == null ? "" : c.cursor(),
                        time(c.lastPulledAt())))
            .toList();
    List<SyncLogEntry> entries = d.desk().log(LOG_ROWS);
    LocalDate today = LocalDate.now(d.clock().withZone(zone));
    long up = 0;
    long down = 0;
    int cycles = 0;
    for (SyncLogEntry e : entries) {
      if (e.startedAt() != null && e.startedAt().atZone(zone).toLocalDate().equals(today)) {
        up += e.bytesSent();
        down += e.bytesReceived();
        cycles++;
      }
    }
    String t =
        "Today: "
            + cycles
            + (cycles == 1 ? " cycle, " : " cycles, ")
            + QueueTexts.bytes(up)
            + " up, "
            + QueueTexts.bytes(down)
            + " down";
    return new Snapshot(
        queue,
        cs,
        entries.stream().map(this::logRow).toList(),
        t,
        entries.isEmpty() ? null : entries.get(0));
  }

  private LogRow logRow(SyncLogEntry e) {
    return new LogRow(
        time(e.startedAt()),
        QueueTexts.triggerWord(e.trigger()),
        e.outcome() == null ? "" : e.outcome().replace('_', ' '),
        String.valueOf(e.pulled()),
        String.valueOf(e.pushed()),
        String.valueOf(e.conflicts()),
        QueueTexts.bytes(e.bytesSent()),
        QueueTexts.bytes(e.bytesReceived()),
        e.millis() + " ms",
        Explanations.inWords(e.error()));
  }

  private String time(Instant t) {
    return t == null ? "" : WHEN.format(t.atZone(zone));
  }

  private QueueRow row(QueuedMutation m, String label) {
    return new QueueRow(
        m.seq(),
        m.entityType().word(),
        QueueTexts.actionWord(m.action()),
        label == null ? "" : label,
        String.valueOf(m.idempotencyKey()),
        m.status().dbValue(),
        m.retryCount() + "/" + m.maxRetries(),
        time(m.createdAt()),
        m.error() == null ? "" : m.error(),
        m.id(),
        m.payload());
  }

  /** Sends a failed change again at the next sync, which starts now. */
  public void retry(QueueRow row) {
    if (row == null || !row.failed()) {
      message.set("Pick a failed change to retry.");
      return;
    }
    act(row.id(), true, "Queued again; syncing now.");
  }

  /** Drops a failed change after the user confirms; what it held can be copied first. */
  public void discard(QueueRow row) {
    if (row == null || !row.failed()) {
      message.set("Pick a failed change to discard.");
      return;
    }
    boolean sure =
        d.dialogs()
            .confirm(
                "Discard this change?",
                "The "
                    + row.action()
                    + " of this "
                    + row.entity()
                    + " will never reach the server. Use Explain to copy it first.",
                "Discard");
    if (sure) {
      act(row.id(), false, "Discarded.");
    }
  }

  private void act(UUID id, boolean retry, String done) {
    runner.run(
        () -> {
          if (retry) {
            d.desk().retry(id);
          } else {
            d.desk().discard(id);
          }
          return true;
        },
        ok -> {
          message.set(done);
          d.changes().fire();
          if (retry) {
            d.sync().syncNow();
          }
          refresh();
        },
        e -> message.set(Errors.message(e)));
  }

  /** Why the server refused a change, in plain words, with "Copy my version". */
  public void explain(QueueRow row) {
    if (row == null || d.explain() == null) {
      return;
    }
    d.explain()
        .showExplanation(
            new ExplanationViewModel(
                "Why this " + row.entity() + " change was not sent",
                row.failed()
                    ? Explanations.forError(row.error())
                    : "This change waits for the next sync"
                        + (row.error().isEmpty()
                            ? "."
                            : " (last try: " + Explanations.inWords(row.error()) + ")."),
                row.record(),
                row.payload(),
                d.clipboard()));
  }

  public void syncNow() {
    syncAskedAt = d.clock().instant();
    message.set("Syncing...");
    d.sync().syncNow();
  }

  /**
   * "Syncing..." ends in what the sync did, once a cycle that started after "Sync now" is in the
   * log (issue 16: it used to stay for good).
   */
  private void settleSyncMessage(SyncLogEntry newest) {
    if (syncAskedAt == null || newest == null || newest.startedAt().isBefore(syncAskedAt)) {
      return;
    }
    syncAskedAt = null;
    message.set(
        switch (newest.outcome()) {
          case "ok" ->
              "Synced: "
                  + newest.pulled()
                  + " received, "
                  + newest.pushed()
                  + " sent"
                  + (newest.conflicts() == 0 ? "." : ", " + newest.conflicts() + " in conflict.");
          case "offline" ->
              "Could not reach the server. Your changes stay on this laptop and go out at the"
                  + " next try.";
          case "signed_out" -> "Not signed in: open Account... and sign in to sync.";
          case "cancelled" -> "Sync stopped. What was already received is kept.";
          default ->
              "The sync did not finish"
                  + (newest.error() == null ? "." : ": " + newest.error())
                  + " Your changes stay on this laptop.";
        });
  }

  public ObservableList<QueueRow> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }

  public ObservableList<CursorRow> cursors() {
    return FXCollections.unmodifiableObservableList(cursors);
  }

  public ObservableList<LogRow> log() {
    return FXCollections.unmodifiableObservableList(log);
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty totalsProperty() {
    return totals.getReadOnlyProperty();
  }

  /** The intervals to choose from. */
  public ObservableList<IntervalChoice> intervalChoices() {
    return settings.choices();
  }

  /** The background interval; setting it saves it (the view binds a choice box to it). */
  public ObjectProperty<IntervalChoice> intervalProperty() {
    return settings.interval();
  }

  /** Whether background sync pauses on a low battery; setting it saves it. */
  public BooleanProperty pauseOnLowBatteryProperty() {
    return settings.pauseOnLowBattery();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }
}
