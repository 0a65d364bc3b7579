package io.stockroom.app.movement;

import io.stockroom.domain.CatalogService;
import io.stockroom.domain.Item;
import io.stockroom.domain.Location;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.StockService;
import io.stockroom.domain.TextField;
import io.stockroom.domain.ValidationException;
import java.util.List;
import java.util.Optional;

/** Looks up the typed item and bins of the movement form, off the UI thread. */
final class MovementLookup {

  private final CatalogService catalog;
  private final StockService stock;
  private final LocationService locations;

  MovementLookup(CatalogService catalog, StockService stock, LocationService locations) {
    this.catalog = catalog;
    this.stock = stock;
    this.locations = locations;
  }

  /** A typed bin code and what it names; {@code problem} is empty when it is fine. */
  record Bin(String code, Optional<Location> location, String problem) {}

  record Lookup(String code, Optional<Item> item, List<OnHand> onHand, Bin from, Bin to) {}

  /** What a look-up found; runs off the UI thread. */
  Lookup look(String code, String from, String to) {
    Optional<Item> item =
        code.isEmpty() || code.length() > TextField.SKU.max()
            ? Optional.empty()
            : catalog.findByCode(code);
    List<OnHand> onHand = item.map(i -> stock.onHand(i.id())).orElse(List.of());
    return new Lookup(code, item, onHand, bin(from), bin(to));
  }

  private Bin bin(String typed) {
    String code;
    try {
      code = TextField.LOCATION_CODE.check(typed);
    } catch (ValidationException e) {
      return new Bin(typed, Optional.empty(), e.getMessage());
    }
    if (code == null) {
      return null;
    }
    Optional<Location> found = locations.findByCode(code);
    return new Bin(code, found, found.isPresent() ? "" : MovementTexts.unknownBin(code));
  }
}
