package io.stockroom.app.count;

import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import io.stockroom.domain.CatalogService;
import io.stockroom.domain.Item;
import io.stockroom.domain.Location;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockCount;
import io.stockroom.domain.StockService;
import io.stockroom.domain.ValidationException;
import java.math.BigDecimal;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Cycle count: scan or type a bin, then scan items one after another and type what is there. The
 * step property tells the view which field to focus next; each count is checked before it is
 * recorded and a refusal writes nothing.
 */
public final class CountViewModel {

  /** Which input the counter is on. */
  public enum Step {
    LOCATION,
    ITEM,
    QUANTITY
  }

  private final CatalogService catalog;
  private final LocationService locations;
  private final StockService stock;
  private final TaskRunner runner;
  private final LocalChanges changes;

  private final StringProperty locationCode = new SimpleStringProperty(this, "location", "");
  private final StringProperty itemCode = new SimpleStringProperty(this, "item", "");
  private final StringProperty counted = new SimpleStringProperty(this, "counted", "");
  private final ReadOnlyStringWrapper locationInfo = new ReadOnlyStringWrapper(this, "bin", "");
  private final ReadOnlyStringWrapper itemInfo = new ReadOnlyStringWrapper(this, "itemInfo", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyObjectWrapper<Step> step =
      new ReadOnlyObjectWrapper<>(this, "step", Step.LOCATION);
  private final ObservableList<CountRow> session = FXCollections.observableArrayList();

  public CountViewModel(
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
  }

  /** Enter in the bin field: checks the bin and moves on to items. */
  public void confirmLocation() {
    String code = text(locationCode);
    runner.run(
        () -> location(code),
        loc -> {
          error.set("");
          locationInfo.set(describe(loc));
          step.set(Step.ITEM);
        },
        this::fail);
  }

  /** Enter in the item field: finds the item, shows what the laptop expects, asks for a count. */
  public void confirmItem() {
    String bin = text(locationCode);
    String code = text(itemCode);
    runner.run(
        () -> {
          Location loc = location(bin);
          Item item = item(code);
          return new Target(loc, item, stock.onHand(item.id(), loc.id()));
        },
        t -> {
          error.set("");
          locationInfo.set(describe(t.location));
          itemInfo.set(
              t.item.sku()
                  + " \u00b7 "
                  + t.item.name()
                  + " \u2014 expected "
                  + Quantities.format(t.expected)
                  + " "
                  + unit(t.item));
          step.set(Step.QUANTITY);
        },
        this::fail);
  }

  /** Records the count typed for the current bin and item. */
  public void record() {
    String bin = text(locationCode);
    String code = text(itemCode);
    BigDecimal qty;
    try {
      if (bin.isEmpty()) {
        throw new ValidationException("location", "Scan or type a bin first.");
      }
      if (code.isEmpty()) {
        throw new ValidationException("item", "Scan or type an item.");
      }
      qty = Quantities.parseNonNegative("counted", counted.get());
    } catch (ValidationException e) {
      fail(e);
      return;
    }
    runner.run(
        () -> {
          Location loc = location(bin);
          Item item = item(code);
          return new Counted(loc, item, stock.count(item.id(), loc.code(), qty));
        },
        c -> {
          error.set("");
          session.add(
              0,
              new CountRow(
                  c.location.code(),
                  c.item.sku(),
                  c.item.name(),
                  Quantities.format(c.count.countedQuantity()),
                  Quantities.format(c.count.expectedQuantity()),
                  signed(c.count.difference())));
          message.set(
              "Counted "
                  + Quantities.format(c.count.countedQuantity())
                  + " "
                  + unit(c.item)
                  + " of "
                  + c.item.sku()
                  + " in "
                  + c.location.code()
                  + ".");
          itemCode.set("");
          counted.set("");
          itemInfo.set("");
          step.set(Step.ITEM);
          changes.fire();
        },
        this::fail);
  }

  /** Starts over on another bin. */
  public void newBin() {
    locationCode.set("");
    itemCode.set("");
    counted.set("");
    locationInfo.set("");
    itemInfo.set("");
    error.set("");
    step.set(Step.LOCATION);
  }

  private Location location(String code) {
    if (code.isEmpty()) {
      throw new ValidationException("location", "Scan or type a bin first.");
    }
    return locations
        .findByCode(code)
        .orElseThrow(
            () -> new ValidationException("location", "Unknown location \"" + code + "\"."));
  }

  private Item item(String code) {
    if (code.isEmpty()) {
      throw new ValidationException("item", "Scan or type an item.");
    }
    return catalog
        .findByCode(code)
        .orElseThrow(() -> new ValidationException("item", "Unknown item \"" + code + "\"."));
  }

  private void fail(Throwable e) {
    message.set("");
    error.set(Errors.message(e));
    if (e instanceof ValidationException ve && ve.field() != null) {
      switch (ve.field()) {
        case "location" -> step.set(Step.LOCATION);
        case "item" -> step.set(Step.ITEM);
        default -> step.set(Step.QUANTITY);
      }
    }
  }

  private static String describe(Location loc) {
    String zone = loc.zone() == null || loc.zone().isBlank() ? "" : " \u00b7 zone " + loc.zone();
    return "Counting bin " + loc.code() + zone;
  }

  private static String signed(BigDecimal d) {
    return (d.signum() > 0 ? "+" : "") + Quantities.format(d);
  }

  private static String unit(Item item) {
    return item.unit() == null ? "" : item.unit();
  }

  private static String text(StringProperty p) {
    return p.get() == null ? "" : p.get().strip();
  }

  private record Target(Location location, Item item, BigDecimal expected) {}

  private record Counted(Location location, Item item, StockCount count) {}

  public StringProperty locationCodeProperty() {
    return locationCode;
  }

  public StringProperty itemCodeProperty() {
    return itemCode;
  }

  public StringProperty countedProperty() {
    return counted;
  }

  public ReadOnlyStringProperty locationInfoProperty() {
    return locationInfo.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty itemInfoProperty() {
    return itemInfo.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Step> stepProperty() {
    return step.getReadOnlyProperty();
  }

  public ObservableList<CountRow> session() {
    return FXCollections.unmodifiableObservableList(session);
  }
}
