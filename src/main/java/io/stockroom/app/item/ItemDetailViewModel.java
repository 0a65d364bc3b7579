package io.stockroom.app.item;

import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.screens.Navigator;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Dialogs;
import io.stockroom.app.ui.Errors;
import io.stockroom.domain.CatalogService;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemNote;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockService;
import io.stockroom.domain.ValidationException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One item: its editable fields, on-hand per location and notes. Also the form of a new item. Input
 * is checked before anything is sent to the catalog; a refusal shows its message and writes
 * nothing.
 */
public final class ItemDetailViewModel {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final CatalogService catalog;
  private final StockService stock;
  private final TaskRunner runner;
  private final Dialogs dialogs;
  private final LocalChanges changes;
  private final Navigator navigator;
  private final String author;
  private final ZoneId zone;

  private final ItemForm form = new ItemForm();
  private final StringProperty newNote = new SimpleStringProperty(this, "newNote", "");

  private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(this, "showing");
  private final ReadOnlyBooleanWrapper isNew = new ReadOnlyBooleanWrapper(this, "isNew");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyStringWrapper totalOnHand = new ReadOnlyStringWrapper(this, "total", "");
  private final ObservableList<OnHandRow> onHand = FXCollections.observableArrayList();
  private final ObservableList<NoteRow> notes = FXCollections.observableArrayList();

  private Item item;
  private long loadGeneration;

  public ItemDetailViewModel(
      CatalogService catalog,
      StockService stock,
      TaskRunner runner,
      Dialogs dialogs,
      LocalChanges changes,
      Navigator navigator,
      String author,
      ZoneId zone) {
    this.catalog = catalog;
    this.stock = stock;
    this.runner = runner;
    this.dialogs = dialogs;
    this.changes = changes;
    this.navigator = navigator;
    this.author = author;
    this.zone = zone;
  }

  private UUID requested;

  /** Loads an item with its stock and notes. */
  public void open(UUID itemId) {
    requested = itemId;
    long mine = ++loadGeneration;
    runner.run(
        () -> load(itemId),
        loaded -> {
          if (mine != loadGeneration) {
            return;
          }
          if (loaded == null) {
            clear();
            message.set("That item no longer exists.");
            return;
          }
          error.set("");
          if (item == null || !item.id().equals(loaded.item.id())) {
            message.set("");
          }
          show(loaded);
        },
        e -> {
          if (mine == loadGeneration) {
            error.set(Errors.message(e));
          }
        });
  }

  /** Reloads the open item (after a movement or a sync), keeping what is being typed in check. */
  public void reload() {
    if (item != null && !busy.get()) {
      long mine = ++loadGeneration;
      UUID id = item.id();
      runner.run(
          () -> load(id),
          loaded -> {
            if (mine == loadGeneration && loaded != null && item != null && !isDirty()) {
              show(loaded);
            } else if (mine == loadGeneration && loaded != null) {
              showStock(loaded);
            }
          },
          e -> error.set(Errors.message(e)));
    }
  }

  /** An empty form for a new item. */
  public void newItem() {
    ++loadGeneration;
    item = null;
    requested = null;
    form.fill(new ItemDraft("", "", "", "", "", "", 0), "");
    onHand.clear();
    notes.clear();
    totalOnHand.set("");
    error.set("");
    message.set("");
    title.set("New item");
    isNew.set(true);
    showing.set(true);
  }

  /** Closes the pane. */
  public void clear() {
    ++loadGeneration;
    item = null;
    requested = null;
    showing.set(false);
    isNew.set(false);
    error.set("");
    message.set("");
    onHand.clear();
    notes.clear();
  }

  /** Creates or updates the item from the form. Bad input: a message, nothing written. */
  public void save() {
    if (!showing.get() || busy.get()) {
      return;
    }
    ItemDraft draft;
    try {
      draft = form.read();
    } catch (ValidationException e) {
      error.set(e.getMessage());
      message.set("");
      return;
    }
    UUID id = item == null ? null : item.id();
    busy.set(true);
    runner.run(
        () -> id == null ? catalog.create(draft) : catalog.update(id, draft),
        saved -> {
          busy.set(false);
          error.set("");
          message.set(id == null ? "Item " + saved.sku() + " created." : "Saved.");
          item = saved;
          isNew.set(false);
          title.set(titleOf(saved));
          form.fill(saved.toDraft(), String.valueOf(saved.reorderPoint()));
          changes.fire();
          if (id == null) {
            open(saved.id());
          }
        },
        e -> {
          busy.set(false);
          message.set("");
          error.set(Errors.message(e));
        });
  }

  /** Soft-deletes the open item after the user confirms. */
  public void delete() {
    if (item == null || busy.get()) {
      return;
    }
    Item doomed = item;
    if (!dialogs.confirm(
        "Delete item",
        "Delete " + doomed.sku() + " (" + doomed.name() + ")? Its stock history is kept.",
        "Delete")) {
      return;
    }
    busy.set(true);
    runner.run(
        () -> {
          catalog.delete(doomed.id());
          return doomed;
        },
        gone -> {
          busy.set(false);
          clear();
          changes.fire();
        },
        e -> {
          busy.set(false);
          error.set(Errors.message(e));
        });
  }

  /** Adds the typed note to the open item. */
  public void addNote() {
    String body = newNote.get() == null ? "" : newNote.get().strip();
    if (item == null) {
      return;
    }
    if (body.isEmpty()) {
      error.set("Type a note first.");
      return;
    }
    UUID id = item.id();
    runner.run(
        () -> catalog.addNote(id, body, author),
        note -> {
          newNote.set("");
          error.set("");
          notes.add(0, noteRow(note));
          changes.fire();
        },
        e -> error.set(Errors.message(e)));
  }

  public void receive() {
    startMovement(MovementReason.RECEIVE);
  }

  public void pick() {
    startMovement(MovementReason.PICK);
  }

  private void startMovement(MovementReason reason) {
    if (item != null) {
      navigator.startMovement(reason, item.sku());
    }
  }

  private Loaded load(UUID id) {
    Item found = catalog.get(id).orElse(null);
    if (found == null) {
      return null;
    }
    return new Loaded(found, stock.onHand(id), catalog.notes(id));
  }

  private void show(Loaded loaded) {
    item = loaded.item;
    form.fill(loaded.item.toDraft(), String.valueOf(loaded.item.reorderPoint()));
    title.set(titleOf(loaded.item));
    isNew.set(false);
    showing.set(true);
    showStock(loaded);
    notes.setAll(loaded.notes.stream().map(this::noteRow).toList());
  }

  private void showStock(Loaded loaded) {
    BigDecimal sum = BigDecimal.ZERO;
    onHand.clear();
    for (OnHand h : loaded.onHand) {
      onHand.add(new OnHandRow(h.locationCode(), Quantities.format(h.quantity()), h.negative()));
      sum = sum.add(h.quantity());
    }
    String u = loaded.item.unit() == null ? "" : " " + loaded.item.unit();
    totalOnHand.set("On hand: " + Quantities.format(sum) + u);
  }

  private boolean isDirty() {
    try {
      return !form.read().equals(item.toDraft().normalized());
    } catch (ValidationException e) {
      return true;
    }
  }

  private NoteRow noteRow(ItemNote note) {
    String when = note.updatedAt() == null ? "" : WHEN.format(note.updatedAt().atZone(zone));
    String by = note.author() == null || note.author().isBlank() ? "" : note.author() + ", ";
    return new NoteRow(note.id(), note.body(), by + when);
  }

  private static String titleOf(Item item) {
    return item.sku() + " \u00b7 " + item.name();
  }

  private record Loaded(Item item, List<OnHand> onHand, List<ItemNote> notes) {}

  public StringProperty skuProperty() {
    return form.sku;
  }

  public StringProperty nameProperty() {
    return form.name;
  }

  public StringProperty barcodeProperty() {
    return form.barcode;
  }

  public StringProperty unitProperty() {
    return form.unit;
  }

  public StringProperty categoryProperty() {
    return form.category;
  }

  public StringProperty reorderPointProperty() {
    return form.reorderPoint;
  }

  public StringProperty descriptionProperty() {
    return form.description;
  }

  public StringProperty newNoteProperty() {
    return newNote;
  }

  /** True when an item (or the new-item form) is in the pane. */
  public ReadOnlyBooleanProperty showingProperty() {
    return showing.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty isNewProperty() {
    return isNew.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty totalOnHandProperty() {
    return totalOnHand.getReadOnlyProperty();
  }

  public ObservableList<OnHandRow> onHand() {
    return FXCollections.unmodifiableObservableList(onHand);
  }

  public ObservableList<NoteRow> notes() {
    return FXCollections.unmodifiableObservableList(notes);
  }

  /** The item last asked for by {@link #open}, loaded or still loading; null before any. */
  public UUID requestedId() {
    return requested;
  }

  /** The id of the item shown, or null (none, or a new one not saved yet). */
  public UUID itemId() {
    return item == null ? null : item.id();
  }
}
