package io.stockroom.app.conflicts;

import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.screens.Navigator;
import io.stockroom.app.screens.Page;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import io.stockroom.app.ui.TextClipboard;
import io.stockroom.domain.ConflictService;
import io.stockroom.domain.CountResolution;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.SyncConflict;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conflicts inbox: every open conflict (and, on request, the ones the server settled), with the
 * open count the navigation badge shows. Opening an entry shows the dialog that fits it.
 */
public final class ConflictsViewModel {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ConflictService conflicts;
  private final TaskRunner runner;
  private final ConflictDialogs dialogs;
  private final TextClipboard clipboard;
  private final LocalChanges changes;
  private final Navigator navigator;
  private final ZoneId zone;
  private final ObservableList<ConflictRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyIntegerWrapper openCount = new ReadOnlyIntegerWrapper(this, "open", 0);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final BooleanProperty showSettled = new SimpleBooleanProperty(this, "settled", false);
  private long generation;

  public ConflictsViewModel(
      ConflictService conflicts,
      TaskRunner runner,
      ConflictDialogs dialogs,
      TextClipboard clipboard,
      LocalChanges changes,
      Navigator navigator,
      ZoneId zone) {
    this.conflicts = conflicts;
    this.runner = runner;
    this.dialogs = dialogs;
    this.clipboard = clipboard;
    this.changes = changes;
    this.navigator = navigator;
    this.zone = zone;
    showSettled.addListener((obs, was, now) -> refresh());
  }

  public void refresh() {
    long mine = ++generation;
    boolean settled = showSettled.get();
    runner.run(
        () ->
            conflicts.list(settled).stream()
                .map(c -> row(c, !c.open() && conflicts.canUndo(c.id())))
                .toList(),
        list -> {
          if (mine != generation) {
            return;
          }
          rows.setAll(list);
          long open = list.stream().filter(r -> r.conflict().open()).count();
          openCount.set((int) open);
          summary.set(
              open == 0
                  ? "No conflicts: every change this laptop sent has been settled."
                  : open
                      + (open == 1 ? " conflict waits" : " conflicts wait")
                      + " for your decision. Nothing you typed is lost.");
        },
        e -> summary.set(Errors.message(e)));
  }

  private ConflictRow row(SyncConflict c, boolean undoable) {
    String record = c.label() == null ? "" : c.label();
    return new ConflictRow(
        c,
        c.entityType().word(),
        record,
        c.fields().isEmpty()
            ? (c.reason() == null ? "" : c.reason())
            : String.join(", ", c.fields()),
        c.createdAt() == null ? "" : WHEN.format(c.createdAt().atZone(zone)),
        c.open() ? "open" : settled(c.resolution(), undoable),
        undoable);
  }

  /** "settled: apply my count anyway (not sent yet: can be undone)". */
  static String settled(String resolution, boolean undoable) {
    String how =
        resolution == null
            ? "closed"
            : switch (resolution) {
              case "merged" -> "your picks";
              case "kept_server" -> "kept the server's";
              case "apply_anyway" -> "apply my count anyway";
              case "discard" -> "discard my count";
              case "recount" -> "recount";
              default -> resolution; // what an entity's policy decided by itself
            };
    return "settled: " + how + (undoable ? " (not sent yet: can be undone)" : "");
  }

  /**
   * Takes back the choice made on a settled entry, while what it queued has not been sent: the
   * entry is open again and the record holds what it held before.
   */
  public void undo(ConflictRow row) {
    if (row == null || !row.undoable()) {
      return;
    }
    runner.run(
        () -> {
          conflicts.undo(row.conflict().id());
          return true;
        },
        ok -> settled(),
        e -> summary.set(Errors.message(e)));
  }

  /** Shows the dialog for an entry: item fields, a count, or an explanation. */
  public void open(ConflictRow row) {
    if (row == null) {
      return;
    }
    SyncConflict c = row.conflict();
    if (c.open() && c.entityType() == EntityType.ITEMS) {
      ItemConflictViewModel vm =
          new ItemConflictViewModel(conflicts, runner, c.id(), this::settled);
      vm.load();
      dialogs.showItem(vm);
    } else if (c.open() && c.entityType() == EntityType.STOCK_COUNTS) {
      CountConflictViewModel vm =
          new CountConflictViewModel(
              conflicts,
              runner,
              c.id(),
              zone,
              r -> {
                settled();
                if (r == CountResolution.RECOUNT) {
                  navigator.show(Page.COUNT);
                }
              });
      vm.load();
      dialogs.showCount(vm);
    } else {
      dialogs.showExplanation(
          new ExplanationViewModel(
              "Your change to this " + row.entity() + " did not stand",
              Explanations.forPolicy(c.policy())
                  + (c.reason() == null ? "" : " (" + c.reason() + ")"),
              c.label(),
              c.localPayload(),
              clipboard));
      if (c.open()) {
        runner.run(
            () -> {
              conflicts.dismiss(c.id());
              return true;
            },
            ok -> settled(),
            e -> summary.set(Errors.message(e)));
      }
    }
  }

  private void settled() {
    changes.fire();
    refresh();
  }

  public ObservableList<ConflictRow> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }

  public ReadOnlyIntegerProperty openCountProperty() {
    return openCount.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public BooleanProperty showSettledProperty() {
    return showSettled;
  }
}
