package io.stockroom.app.movement;

import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.tasks.Debouncer;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import io.stockroom.domain.CatalogService;
import io.stockroom.domain.Item;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.StockService;
import io.stockroom.domain.TextField;
import io.stockroom.domain.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The receive / pick / transfer / adjust form, built for a scanner: scan the item, see its name and
 * stock, type a quantity, Enter records, and the cursor is back in the scan field for the next one.
 *
 * <p>The item is given by SKU or barcode, bins by code. While the user types, the form looks the
 * item and bins up (after a short pause, off the UI thread) and marks each field that cannot be
 * right with the reason under it. Everything is checked again when the movement is recorded; a
 * refusal marks its field and writes nothing.
 */
public final class MovementViewModel {

  /** Names of the form's fields, as {@link #problem} and the focus handler use them. */
  public static final String ITEM = "item";

  public static final String QUANTITY = "quantity";
  public static final String FROM = "from";
  public static final String TO = "to";
  public static final String REFERENCE = "reference";

  public static final Duration TYPING_PAUSE = Duration.ofMillis(150);

  private final CatalogService catalog;
  private final LocationService locations;
  private final StockService stock;
  private final TaskRunner runner;
  private final LocalChanges changes;
  private final Debouncer debouncer;
  private final MovementLookup lookup;

  private final ObjectProperty<MovementReason> reason =
      new SimpleObjectProperty<>(this, "reason", MovementReason.RECEIVE);
  private final StringProperty itemCode = new SimpleStringProperty(this, "itemCode", "");
  private final StringProperty quantity = new SimpleStringProperty(this, "quantity", "");
  private final StringProperty fromCode = new SimpleStringProperty(this, "fromCode", "");
  private final StringProperty toCode = new SimpleStringProperty(this, "toCode", "");
  private final StringProperty reference = new SimpleStringProperty(this, "reference", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyStringWrapper errorField = new ReadOnlyStringWrapper(this, "field", "");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final Map<String, ReadOnlyStringWrapper> problems = new LinkedHashMap<>();
  private final BooleanBinding fromEnabled;
  private final BooleanBinding toEnabled;
  private final StringBinding title;
  private final StringBinding recordText;
  private final ObservableList<MovementReason> reasons =
      FXCollections.unmodifiableObservableList(
          FXCollections.observableArrayList(
              MovementReason.RECEIVE,
              MovementReason.PICK,
              MovementReason.TRANSFER,
              MovementReason.ADJUST));

  private Consumer<String> focus = field -> {};

  /** Bumped by every look-up; an answer carrying an older number is stale. */
  private long lookups;

  public MovementViewModel(
      CatalogService catalog,
      LocationService locations,
      StockService stock,
      TaskRunner runner,
      LocalChanges changes) {
    this.catalog = catalog;
    this.locations = locations;
    this.stock = stock;
    this.runner = runner;
    this.changes = changes;
    this.debouncer = new Debouncer(runner, TYPING_PAUSE);
    this.lookup = new MovementLookup(catalog, stock, locations);
    for (String f : List.of(ITEM, QUANTITY, FROM, TO, REFERENCE)) {
      problems.put(f, new ReadOnlyStringWrapper(this, f + "Problem", ""));
    }
    fromEnabled =
        Bindings.createBooleanBinding(() -> reason.get() != MovementReason.RECEIVE, reason);
    toEnabled = Bindings.createBooleanBinding(() -> reason.get() != MovementReason.PICK, reason);
    title = Bindings.createStringBinding(() -> MovementTexts.titleOf(reason.get()), reason);
    recordText =
        Bindings.createStringBinding(() -> MovementTexts.recordTextOf(reason.get()), reason);
    itemCode.addListener((obs, old, now) -> edited(ITEM));
    fromCode.addListener((obs, old, now) -> edited(FROM));
    toCode.addListener((obs, old, now) -> edited(TO));
    reference.addListener((obs, old, now) -> problems.get(REFERENCE).set(""));
    quantity.addListener((obs, old, now) -> checkQuantity());
    reason.addListener(
        (obs, old, now) -> {
          problems.values().forEach(p -> p.set(""));
          error.set("");
          errorField.set("");
          checkQuantity();
          ++lookups;
          debouncer.submit(this::lookUp);
        });
  }

  /** Where the view moves the cursor: called with a field name after a scan or a recording. */
  public void setFocusHandler(Consumer<String> handler) {
    this.focus = handler == null ? field -> {} : handler;
  }

  /** Opens the form for one reason and item (from the item pane). */
  public void prefill(MovementReason r, String code) {
    reason.set(r);
    itemCode.set(code == null ? "" : code);
    quantity.set("");
    error.set("");
    errorField.set("");
    message.set("");
    lookUp();
  }

  /**
   * Enter in the item field (a scanner ends every code with Enter): looks the item up at once and
   * moves on to the quantity when it is known. It does not record: a scan alone is not a movement.
   */
  public void itemEntered() {
    if (code().isEmpty()) {
      return;
    }
    lookUp(found -> focus.accept(found ? QUANTITY : ITEM));
  }

  /** Looks the typed item and bins up and fills the preview and the fields' problems. */
  public void lookUp() {
    lookUp(found -> {});
  }

  private void lookUp(Consumer<Boolean> then) {
    debouncer.cancel();
    long mine = ++lookups;
    String code = code();
    String from = fromEnabled.get() ? fromCode.get() : null;
    String to = toEnabled.get() ? toCode.get() : null;
    runner.run(
        () -> lookup.look(code, from, to),
        found -> {
          if (mine != lookups) {
            return;
          }
          show(found);
          then.accept(found.item().isPresent());
        },
        e -> {
          if (mine == lookups) {
            preview.set("");
            errorField.set("");
            error.set(Errors.message(e));
          }
        });
  }

  private void show(MovementLookup.Lookup found) {
    problems
        .get(ITEM)
        .set(
            found.item().isPresent() || found.code().isEmpty()
                ? ""
                : MovementTexts.unknownItem(found.code()));
    problems.get(FROM).set(found.from() == null ? "" : found.from().problem());
    problems.get(TO).set(found.to() == null ? "" : found.to().problem());
    preview.set(found.item().map(i -> MovementTexts.describeStock(i, found)).orElse(""));
  }

  /** Enter in the quantity, a bin or the reference, or the record button. */
  public void record() {
    if (busy.get()) {
      return;
    }
    MovementReason r = reason.get();
    String code = code();
    String from = fromEnabled.get() ? fromCode.get() : null;
    String to = toEnabled.get() ? toCode.get() : null;
    String ref = reference.get();
    BigDecimal qty;
    try {
      if (code.isEmpty()) {
        throw new ValidationException(ITEM, "Scan or type the item's SKU or barcode.");
      }
      if (code.length() > TextField.SKU.max()) {
        throw new ValidationException(ITEM, MovementTexts.unknownItem(code));
      }
      qty = Quantities.parsePositive(QUANTITY, quantity.get());
      new MovementRequest(
              new java.util.UUID(0, 0), r, binCode(FROM, from), binCode(TO, to), qty, ref)
          .validate();
    } catch (ValidationException e) {
      fail(e);
      return;
    }
    busy.set(true);
    runner.run(
        () -> {
          Item item =
              catalog
                  .findByCode(code)
                  .orElseThrow(
                      () -> new ValidationException(ITEM, MovementTexts.unknownItem(code)));
          MovementRequest request =
              new MovementRequest(item.id(), r, from, to, qty, ref).validate();
          requireLocation(FROM, request.fromCode());
          requireLocation(TO, request.toCode());
          return new Recorded(item, stock.record(request));
        },
        done -> {
          busy.set(false);
          error.set("");
          errorField.set("");
          problems.values().forEach(p -> p.set(""));
          message.set(MovementTexts.describe(done.item, done.movement));
          quantity.set("");
          reference.set("");
          toCode.set("");
          changes.fire();
          lookUp();
          focus.accept(ITEM);
        },
        e -> {
          busy.set(false);
          message.set("");
          if (e instanceof ValidationException ve) {
            fail(ve);
          } else {
            errorField.set("");
            error.set(Errors.message(e));
          }
        });
  }

  /** A bin code checked for its own field (the rule is the location code's, in domain). */
  private static String binCode(String field, String typed) {
    try {
      return TextField.LOCATION_CODE.check(typed);
    } catch (ValidationException e) {
      throw new ValidationException(field, e.getMessage());
    }
  }

  private void requireLocation(String field, String code) {
    if (code != null && locations.findByCode(code).isEmpty()) {
      throw new ValidationException(field, MovementTexts.unknownBin(code));
    }
  }

  private void fail(ValidationException e) {
    message.set("");
    ReadOnlyStringWrapper problem = e.field() == null ? null : problems.get(e.field());
    // A field the form has no line for (a bin deleted meanwhile, the reason) is said under the
    // form.
    errorField.set(problem == null ? "" : e.field());
    error.set(e.getMessage());
    if (problem != null) {
      problem.set(e.getMessage());
      focus.accept(e.field());
    }
  }

  /** The user changed a field: its old problem no longer applies; look again after a pause. */
  private void edited(String field) {
    ++lookups; // an answer for what was there before must not mark what is there now
    problems.get(field).set("");
    if (field.equals(errorField.get())) {
      error.set("");
      errorField.set("");
    }
    debouncer.submit(this::lookUp);
  }

  private void checkQuantity() {
    String typed = quantity.get() == null ? "" : quantity.get().strip();
    String problem = "";
    if (!typed.isEmpty()) {
      try {
        Quantities.parsePositive(QUANTITY, typed);
      } catch (ValidationException e) {
        problem = e.getMessage();
      }
    }
    problems.get(QUANTITY).set(problem);
    if (QUANTITY.equals(errorField.get()) && problem.isEmpty()) {
      error.set("");
      errorField.set("");
    }
  }

  private String code() {
    return itemCode.get() == null ? "" : itemCode.get().strip();
  }

  private record Recorded(Item item, StockMovement movement) {}

  public ObjectProperty<MovementReason> reasonProperty() {
    return reason;
  }

  public ObservableList<MovementReason> reasons() {
    return reasons;
  }

  public StringProperty itemCodeProperty() {
    return itemCode;
  }

  public StringProperty quantityProperty() {
    return quantity;
  }

  public StringProperty fromCodeProperty() {
    return fromCode;
  }

  public StringProperty toCodeProperty() {
    return toCode;
  }

  public StringProperty referenceProperty() {
    return reference;
  }

  public BooleanBinding fromEnabledBinding() {
    return fromEnabled;
  }

  public BooleanBinding toEnabledBinding() {
    return toEnabled;
  }

  /** "Receive stock", "Pick stock"...: the form's title follows what happened. */
  public StringBinding titleBinding() {
    return title;
  }

  /** "Record receipt", "Record pick"...: the button says what it will record. */
  public StringBinding recordTextBinding() {
    return recordText;
  }

  /** The item's name and stock once the typed code is known; empty otherwise. */
  public ReadOnlyStringProperty previewProperty() {
    return preview.getReadOnlyProperty();
  }

  /** Why one field cannot be right (empty when it is fine), shown under that field. */
  public ReadOnlyStringProperty problem(String field) {
    ReadOnlyStringWrapper p = problems.get(field);
    if (p == null) {
      throw new IllegalArgumentException("No field " + field);
    }
    return p.getReadOnlyProperty();
  }

  /** The last refusal's message, whichever field it is about. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** The field the error is about ("item", "quantity", "from", "to"), empty for other errors. */
  public ReadOnlyStringProperty errorFieldProperty() {
    return errorField.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }
}
