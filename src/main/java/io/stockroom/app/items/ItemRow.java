package io.stockroom.app.items;

import io.stockroom.domain.Item;
import io.stockroom.domain.Quantities;
import java.math.BigDecimal;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One row of the items table. Starts empty while its page loads, then is filled in place. */
public final class ItemRow {

  private UUID id;
  private final ReadOnlyStringWrapper sku = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper barcode = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper category = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper unit = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper onHand = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);

  void fill(Item item, BigDecimal total) {
    id = item.id();
    sku.set(item.sku());
    name.set(item.name());
    barcode.set(item.barcode() == null ? "" : item.barcode());
    category.set(item.category() == null ? "" : item.category());
    unit.set(item.unit() == null ? "" : item.unit());
    onHand.set(Quantities.format(total == null ? BigDecimal.ZERO : total));
    loaded.set(true);
  }

  /** Null while the row is still loading. */
  public UUID id() {
    return id;
  }

  public ReadOnlyStringProperty skuProperty() {
    return sku.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty nameProperty() {
    return name.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty barcodeProperty() {
    return barcode.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty categoryProperty() {
    return category.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty unitProperty() {
    return unit.getReadOnlyProperty();
  }

  /** Total on-hand over the bins this laptop holds, as a number ("12", "-3", "2.5"). */
  public ReadOnlyStringProperty onHandProperty() {
    return onHand.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }

  @Override
  public String toString() {
    return loaded.get() ? sku.get() + " " + name.get() : "(loading)";
  }
}
