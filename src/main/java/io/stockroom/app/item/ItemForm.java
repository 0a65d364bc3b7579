package io.stockroom.app.item;

import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ValidationException;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The item pane's editable fields as typed, and the draft they make: read and checked by the
 * domain's rules before anything is written.
 */
final class ItemForm {

  final StringProperty sku = new SimpleStringProperty(this, "sku", "");
  final StringProperty name = new SimpleStringProperty(this, "name", "");
  final StringProperty barcode = new SimpleStringProperty(this, "barcode", "");
  final StringProperty unit = new SimpleStringProperty(this, "unit", "");
  final StringProperty category = new SimpleStringProperty(this, "category", "");
  final StringProperty reorderPoint = new SimpleStringProperty(this, "reorderPoint", "");
  final StringProperty description = new SimpleStringProperty(this, "description", "");

  /** The draft as typed, normalized and checked; a refusal throws {@link ValidationException}. */
  ItemDraft read() {
    String rp = reorderPoint.get() == null ? "" : reorderPoint.get().strip();
    int reorder;
    try {
      reorder = rp.isEmpty() ? 0 : Integer.parseInt(rp);
    } catch (NumberFormatException e) {
      throw new ValidationException(
          "reorder_point", "Reorder point must be a whole number, not \"" + rp + "\".");
    }
    return new ItemDraft(
            sku.get(),
            barcode.get(),
            name.get(),
            description.get(),
            unit.get(),
            category.get(),
            reorder)
        .normalized()
        .validate();
  }

  /** Shows a draft; {@code reorder} is the reorder point as text (empty for a new item). */
  void fill(ItemDraft d, String reorder) {
    sku.set(nz(d.sku()));
    name.set(nz(d.name()));
    barcode.set(nz(d.barcode()));
    unit.set(nz(d.unit()));
    category.set(nz(d.category()));
    description.set(nz(d.description()));
    reorderPoint.set(reorder);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
