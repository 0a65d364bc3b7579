package io.stockroom.app.conflicts;

import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import io.stockroom.domain.ConflictService;
import io.stockroom.domain.ItemField;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * An item changed here and on the server: field by field, "yours" against "theirs". The user picks
 * per field or keeps all of one side; {@link #apply()} hands the result to the conflict service,
 * which queues it as a new mutation.
 */
public final class ItemConflictViewModel {

  private final ConflictService conflicts;
  private final TaskRunner runner;
  private final UUID conflictId;
  private final Runnable onSettled;
  private final ObservableList<FieldChoice> fields = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done", false);

  public ItemConflictViewModel(
      ConflictService conflicts, TaskRunner runner, UUID conflictId, Runnable onSettled) {
    this.conflicts = conflicts;
    this.runner = runner;
    this.conflictId = conflictId;
    this.onSettled = onSettled;
  }

  public void load() {
    runner.run(
        () -> conflicts.item(conflictId),
        c -> {
          title.set("Item " + c.label() + " was changed here and on the server");
          fields.setAll(c.fields().stream().map(FieldChoice::new).toList());
        },
        e -> error.set(Errors.message(e)));
  }

  public void keepAllMine() {
    fields.forEach(f -> f.useYoursProperty().set(true));
  }

  public void keepAllTheirs() {
    fields.forEach(f -> f.useYoursProperty().set(false));
  }

  /** Sends the chosen values as a new change; closes the inbox entry. */
  public void apply() {
    Map<ItemField, String> values = new EnumMap<>(ItemField.class);
    fields.forEach(f -> values.put(f.field(), f.chosen()));
    runner.run(
        () -> {
          conflicts.resolveItem(conflictId, values);
          return true;
        },
        ok -> {
          done.set(true);
          onSettled.run();
        },
        e -> error.set(Errors.message(e)));
  }

  public ObservableList<FieldChoice> fields() {
    return fields;
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty doneProperty() {
    return done.getReadOnlyProperty();
  }
}
