package io.stockroom.app.movement;

import io.stockroom.app.Errors;
import io.stockroom.app.LocalChanges;
import io.stockroom.app.TaskRunner;
import io.stockroom.domain.CatalogService;
import io.stockroom.domain.Item;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.StockService;
import io.stockroom.domain.ValidationException;
import java.math.BigDecimal;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
 * The receive / pick / transfer / adjust form. The item is given by SKU or barcode (typed or
 * scanned), locations by bin code. Everything is checked before the movement is recorded; a refusal
 * shows one message and writes nothing.
 */
public final class MovementViewModel {

  private final CatalogService catalog;
  private final LocationService locations;
  private final StockService stock;
  private final TaskRunner runner;
  private final LocalChanges changes;

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
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final BooleanBinding fromEnabled;
  private final BooleanBinding toEnabled;
  private final ObservableList<MovementReason> reasons =
      FXCollections.unmodifiableObservableList(
          FXCollections.observableArrayList(
              MovementReason.RECEIVE,
              MovementReason.PICK,
              MovementReason.TRANSFER,
              MovementReason.ADJUST));

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
    fromEnabled =
        Bindings.createBooleanBinding(() -> reason.get() != MovementReason.RECEIVE, reason);
    toEnabled = Bindings.createBooleanBinding(() -> reason.get() != MovementReason.PICK, reason);
  }

  /** Opens the form for one reason and item (from the item pane). */
  public void prefill(MovementReason r, String code) {
    reason.set(r);
    itemCode.set(code == null ? "" : code);
    quantity.set("");
    error.set("");
    errorField.set("");
    message.set("");
  }

  /** Records the movement. */
  public void record() {
    if (busy.get()) {
      return;
    }
    MovementReason r = reason.get();
    String code = itemCode.get() == null ? "" : itemCode.get().strip();
    String from = fromEnabled.get() ? fromCode.get() : null;
    String to = toEnabled.get() ? toCode.get() : null;
    String ref = reference.get();
    BigDecimal qty;
    try {
      if (code.isEmpty()) {
        throw new ValidationException("item", "Scan or type the item's SKU or barcode.");
      }
      qty = Quantities.parsePositive("quantity", quantity.get());
      new MovementRequest(new java.util.UUID(0, 0), r, from, to, qty, ref).validate();
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
                      () -> new ValidationException("item", "Unknown item \"" + code + "\"."));
          MovementRequest request =
              new MovementRequest(item.id(), r, from, to, qty, ref).validate();
          requireLocation("from", request.fromCode());
          requireLocation("to", request.toCode());
          return new Recorded(item, stock.record(request));
        },
        done -> {
          busy.set(false);
          error.set("");
          errorField.set("");
          message.set(describe(done.item, done.movement));
          quantity.set("");
          reference.set("");
          changes.fire();
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

  private void requireLocation(String field, String code) {
    if (code != null && locations.findByCode(code).isEmpty()) {
      throw new ValidationException(field, "Unknown location \"" + code + "\".");
    }
  }

  private void fail(ValidationException e) {
    message.set("");
    errorField.set(e.field() == null ? "" : e.field());
    error.set(e.getMessage());
  }

  static String describe(Item item, StockMovement m) {
    String qty = Quantities.format(m.quantity()) + " " + (item.unit() == null ? "" : item.unit());
    String what = qty.strip() + " of " + item.sku();
    return switch (m.reason()) {
      case RECEIVE -> "Received " + what + " into " + m.toCode() + ".";
      case PICK -> "Picked " + what + " from " + m.fromCode() + ".";
      case TRANSFER -> "Moved " + what + " from " + m.fromCode() + " to " + m.toCode() + ".";
      case ADJUST, COUNT ->
          m.toCode() != null
              ? "Adjusted " + m.toCode() + ": +" + what + "."
              : "Adjusted " + m.fromCode() + ": -" + what + ".";
    };
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

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** The field the error is about ("item", "quantity", "from", "to"), for the view to mark. */
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
