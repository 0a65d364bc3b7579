package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.ValidationException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refused input leaves the database exactly as it was. */
class ValidationTest extends StoreTestSupport {

  private Item item;
  private Map<String, Integer> before;

  @BeforeEach
  void seed() {
    item = store.catalog().create(new ItemDraft("ABC-1", "400", "Hex bolt", null, null, null, 0));
    store.locations().create("A-1", null, null);
    before = rowCounts();
  }

  private void refused(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(ValidationException.class).hasMessage(message);
    assertThat(rowCounts()).isEqualTo(before);
  }

  private MovementRequest receive(String to, BigDecimal quantity) {
    return new MovementRequest(item.id(), MovementReason.RECEIVE, null, to, quantity, null);
  }

  @Test
  void emptySku() {
    refused(() -> store.catalog().create(ItemDraft.of("  ", "Hex bolt")), "SKU is required.");
  }

  @Test
  void emptyName() {
    refused(() -> store.catalog().create(ItemDraft.of("X-1", "")), "Name is required.");
  }

  @Test
  void duplicateSkuAndBarcode() {
    refused(
        () -> store.catalog().create(ItemDraft.of("ABC-1", "Other")),
        "SKU ABC-1 is already used by \"Hex bolt\".");
    refused(
        () -> store.catalog().create(new ItemDraft("X-1", "400", "Other", null, null, null, 0)),
        "Barcode 400 is already used by \"Hex bolt\".");
  }

  @Test
  void negativeReorderPoint() {
    refused(
        () -> store.catalog().create(new ItemDraft("X-1", null, "Other", null, null, null, -1)),
        "Reorder point cannot be negative.");
  }

  @Test
  void nonNumericOrZeroQuantity() {
    refused(
        () -> store.stock().record(receive("A-1", Quantities.parsePositive("quantity", "ten"))),
        "Quantity must be a number, not \"ten\".");
    refused(
        () -> store.stock().record(receive("A-1", Quantities.parsePositive("quantity", "0"))),
        "Quantity must be greater than zero.");
    refused(
        () -> store.stock().record(receive("A-1", BigDecimal.ZERO)),
        "Quantity must be greater than zero.");
    refused(
        () -> store.stock().record(receive("A-1", new BigDecimal("1.0001"))),
        "Quantity has more than three decimals.");
  }

  @Test
  void unknownLocation() {
    refused(() -> store.stock().record(receive("X-9", BigDecimal.ONE)), "Unknown location X-9.");
    refused(() -> store.stock().count(item.id(), "X-9", BigDecimal.ONE), "Unknown location X-9.");
  }

  @Test
  void unknownOrDeletedItem() {
    UUID nobody = UUID.randomUUID();
    refused(
        () ->
            store
                .stock()
                .record(
                    new MovementRequest(
                        nobody, MovementReason.RECEIVE, null, "A-1", BigDecimal.ONE, null)),
        "Unknown item " + nobody + ".");
    store.catalog().delete(item.id());
    before = rowCounts();
    refused(
        () -> store.stock().record(receive("A-1", BigDecimal.ONE)),
        "Unknown item " + item.id() + ".");
  }

  @Test
  void movementMissingItsLocation() {
    refused(
        () -> store.stock().record(receive(" ", BigDecimal.ONE)),
        "Receiving needs the location the stock goes to.");
  }

  @Test
  void negativeCount() {
    refused(
        () -> store.stock().count(item.id(), "A-1", new BigDecimal("-1")),
        "Quantity cannot be negative.");
  }

  @Test
  void duplicateOrEmptyLocationCode() {
    refused(() -> store.locations().create("a-1", null, null), "Location A-1 already exists.");
    refused(() -> store.locations().create(" ", null, null), "A location needs a code.");
  }
}
