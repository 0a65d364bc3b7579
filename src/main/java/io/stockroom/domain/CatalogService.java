package io.stockroom.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog as the UI and the command line use it. Every write stores the row and its outbox
 * mutation in one local transaction. Calls block on the local database: run them off the FX thread.
 */
public interface CatalogService {

  /**
   * Items whose SKU or barcode starts with {@code query}, or one of whose name words does
   * (case-insensitive), ordered by SKU; a blank query lists every item. Deleted items never appear.
   */
  List<Item> search(String query, int offset, int limit);

  /** {@link #search(String, int, int)} in another order (a sorted column of the items list). */
  List<Item> search(String query, ItemOrder order, int offset, int limit);

  /** How many items {@link #search} would return in all. */
  int count(String query);

  Optional<Item> get(UUID id);

  /** The item whose barcode or SKU is exactly {@code code} (what a scanner types). */
  Optional<Item> findByCode(String code);

  /**
   * The live item whose SKU is exactly {@code sku}, ignoring case. Stores override this with an
   * indexed lookup.
   */
  default Optional<Item> findBySku(String sku) {
    String wanted = sku == null ? "" : sku.strip();
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    return search(wanted, 0, 50).stream()
        .filter(item -> item.sku().equalsIgnoreCase(wanted))
        .findFirst();
  }

  /**
   * @throws ValidationException for bad input or a SKU or barcode another item has
   */
  Item create(ItemDraft draft);

  /**
   * Stores the fields that differ from the current item, each with a new HLC stamp.
   *
   * @throws ValidationException for bad input, an unknown item or a SKU or barcode another item has
   */
  Item update(UUID id, ItemDraft draft);

  /** Marks the item deleted (soft delete; nothing is ever removed). */
  void delete(UUID id);

  List<ItemNote> notes(UUID itemId);

  ItemNote addNote(UUID itemId, String body, String author);

  ItemNote updateNote(UUID noteId, String body);

  void deleteNote(UUID noteId);
}
