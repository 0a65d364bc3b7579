package io.stockroom.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a user typed for an item, before it is stored. {@link #normalized()} trims and fills
 * defaults; {@link #validate()} applies the catalog rules that need no database.
 */
public record ItemDraft(
    String sku,
    String barcode,
    String name,
    String description,
    String unit,
    String category,
    int reorderPoint) {

  public static final String DEFAULT_UNIT = "ea";

  public static ItemDraft of(String sku, String name) {
    return new ItemDraft(sku, null, name, null, null, null, 0);
  }

  /** Trimmed, blanks as null, unit defaulted. */
  public ItemDraft normalized() {
    String u = blankToNull(unit);
    return new ItemDraft(
        blankToNull(sku),
        blankToNull(barcode),
        blankToNull(name),
        blankToNull(description),
        u == null ? DEFAULT_UNIT : u,
        blankToNull(category),
        reorderPoint);
  }

  /** Checks a normalized draft; throws with a message a warehouse user understands. */
  public ItemDraft validate() {
    TextField.SKU.required(sku, "SKU is required.");
    TextField.BARCODE.check(barcode);
    TextField.ITEM_NAME.required(name, "Name is required.");
    TextField.ITEM_DESCRIPTION.check(description);
    TextField.UNIT.check(unit);
    TextField.CATEGORY.check(category);
    if (reorderPoint < 0) {
      throw new ValidationException("reorder_point", "Reorder point cannot be negative.");
    }
    return this;
  }

  /** Field values by field, for diffing and for building a mutation payload. */
  public Map<ItemField, Object> fields() {
    Map<ItemField, Object> map = new EnumMap<>(ItemField.class);
    map.put(ItemField.SKU, sku);
    map.put(ItemField.BARCODE, barcode);
    map.put(ItemField.NAME, name);
    map.put(ItemField.DESCRIPTION, description);
    map.put(ItemField.UNIT, unit);
    map.put(ItemField.CATEGORY, category);
    map.put(ItemField.REORDER_POINT, reorderPoint);
    return map;
  }

  /** The fields whose values differ between this draft and {@code other}. */
  public Map<ItemField, Object> changedFrom(ItemDraft other) {
    Map<ItemField, Object> mine = fields();
    Map<ItemField, Object> theirs = other.fields();
    Map<ItemField, Object> changed = new EnumMap<>(ItemField.class);
    mine.forEach(
        (field, value) -> {
          if (!Objects.equals(value, theirs.get(field))) {
            changed.put(field, value);
          }
        });
    return changed;
  }

  static String blankToNull(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
