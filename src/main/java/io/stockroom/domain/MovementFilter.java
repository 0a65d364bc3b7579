package io.stockroom.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * Which movements the activity list shows (issue 16): an item by the start of its SKU or of a word
 * of its name, a bin by its code (stock in or out of it), a kind, and a time range. Each part may
 * be absent; {@link #NONE} shows everything. Text is bounded here, where it is parsed.
 *
 * @param item start of a SKU or of a name word, case-insensitive; null for any item
 * @param bin a bin code, case-insensitive, matching either side of the movement; null for any
 * @param reason one kind of movement; null for every kind
 * @param from movements at or after this instant; null for no lower bound
 * @param until movements before this instant; null for no upper bound
 */
public record MovementFilter(
    String item, String bin, MovementReason reason, Instant from, Instant until) {

  public static final MovementFilter NONE = new MovementFilter(null, null, null, null, null);

  public MovementFilter {
    item = TextField.ITEM_NAME.check(item);
    bin = TextField.LOCATION_CODE.check(bin);
    if (from != null && until != null && !until.isAfter(from)) {
      throw new ValidationException("until", "The end of the period must be after its start.");
    }
  }

  public boolean isNone() {
    return item == null && bin == null && reason == null && from == null && until == null;
  }

  /** The rule in plain Java, for stores kept in memory; the local store says it in SQL. */
  public boolean matches(StockMovement m) {
    if (item != null && !itemMatches(m.sku(), m.itemName())) {
      return false;
    }
    if (bin != null && !bin.equalsIgnoreCase(m.fromCode()) && !bin.equalsIgnoreCase(m.toCode())) {
      return false;
    }
    if (reason != null && m.reason() != reason) {
      return false;
    }
    Instant at = m.occurredAt();
    if (from != null && (at == null || at.isBefore(from))) {
      return false;
    }
    return until == null || (at != null && at.isBefore(until));
  }

  private boolean itemMatches(String sku, String name) {
    String q = item.toLowerCase(Locale.ROOT);
    if (sku != null && sku.toLowerCase(Locale.ROOT).startsWith(q)) {
      return true;
    }
    if (name == null) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith(q) || n.contains(" " + q);
  }
}
