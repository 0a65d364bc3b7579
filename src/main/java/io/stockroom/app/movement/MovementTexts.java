package io.stockroom.app.movement;

import io.stockroom.domain.Item;
import io.stockroom.domain.Location;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.TextField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the movement form says: its title, its button, its preview and its messages. */
final class MovementTexts {

  /** Bins listed in the preview when none is typed yet (where to pick from). */
  static final int PREVIEW_BINS = 3;

  private MovementTexts() {}

  static String unknownItem(String code) {
    String shown = code.length() > TextField.SKU.max() ? code.substring(0, 20) + "..." : code;
    return "No item has the SKU or barcode \"" + shown + "\".";
  }

  static String unknownBin(String code) {
    return "No bin \"" + code + "\" at this site.";
  }

  /**
   * "Anchor bolt M8 (BOLT-M8): 40 ea on hand here; A-01 12 ea". The bins typed in the form come
   * first; with none typed, the bins holding the most, so a picker sees where to go.
   */
  static String describeStock(Item item, MovementLookup.Lookup found) {
    String unit = item.unit() == null ? "" : " " + item.unit();
    BigDecimal total =
        found.onHand().stream().map(OnHand::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    List<String> bins = new ArrayList<>();
    for (MovementLookup.Bin b : new MovementLookup.Bin[] {found.from(), found.to()}) {
      if (b != null && b.location().isPresent()) {
        bins.add(b.location().get().code() + " " + qty(found.onHand(), b.location().get()) + unit);
      }
    }
    if (bins.isEmpty()) {
      found.onHand().stream()
          .filter(o -> o.quantity().signum() != 0)
          .sorted(Comparator.comparing(OnHand::quantity).reversed())
          .limit(PREVIEW_BINS)
          .forEach(o -> bins.add(o.locationCode() + " " + Quantities.format(o.quantity()) + unit));
    }
    return item.name()
        + " ("
        + item.sku()
        + "): "
        + Quantities.format(total)
        + unit
        + " on hand here"
        + (bins.isEmpty() ? "" : "; " + String.join(", ", bins));
  }

  private static String qty(List<OnHand> onHand, Location location) {
    return onHand.stream()
        .filter(o -> o.locationId().equals(location.id()))
        .map(o -> Quantities.format(o.quantity()))
        .findFirst()
        .orElse("0");
  }

  static String titleOf(MovementReason r) {
    return switch (r == null ? MovementReason.RECEIVE : r) {
      case RECEIVE -> "Receive stock";
      case PICK -> "Pick stock";
      case TRANSFER -> "Move stock between bins";
      case ADJUST, COUNT -> "Adjust stock";
    };
  }

  static String recordTextOf(MovementReason r) {
    return switch (r == null ? MovementReason.RECEIVE : r) {
      case RECEIVE -> "Record receipt";
      case PICK -> "Record pick";
      case TRANSFER -> "Record move";
      case ADJUST, COUNT -> "Record adjustment";
    };
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
}
