package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.CatalogService;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.ItemNote;
import io.stockroom.domain.ItemOrder;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * The catalog on the local database. Items merge field by field on the server, so every write
 * stamps the fields it changes with the HLC, keeps the stamps in the row's {@code field_clock} and
 * queues only the changed fields.
 */
final class LocalCatalog implements CatalogService {

  private final Tx tx;
  private final IdGenerator ids;
  private final Stamps stamps;
  private final MutationQueue queue;
  private final ItemRepository items;
  private final ItemSearch search;
  private final NoteRepository notes;
  private final StockOrder byStock;

  LocalCatalog(
      Tx tx,
      IdGenerator ids,
      Stamps stamps,
      MutationQueue queue,
      ItemRepository items,
      ItemSearch search,
      NoteRepository notes,
      StockOrder byStock) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
    this.queue = queue;
    this.items = items;
    this.search = search;
    this.notes = notes;
    this.byStock = byStock;
  }

  @Override
  public List<Item> search(String query, int offset, int limit) {
    String q = SearchText.query(query);
    if (q == null) {
      return search.search(tx.read(), null, offset, limit);
    }
    return search.page(tx.read(), matches(q, tx.generation()), offset, limit);
  }

  @Override
  public List<Item> search(String query, ItemOrder order, int offset, int limit) {
    if (order == ItemOrder.SKU) {
      return search(query, offset, limit);
    }
    String q = SearchText.query(query);
    long generation = tx.generation(); // once: the matches and the order are of the same moment
    Set<UUID> found = q == null ? null : matches(q, generation);
    if (order.ascending() == ItemOrder.ON_HAND) {
      return byStock.page(tx.read(), generation, q, found, order.descending(), offset, limit);
    }
    return search.pageOrdered(tx.read(), found, order, offset, limit);
  }

  @Override
  public int count(String query) {
    String q = SearchText.query(query);
    return q == null ? search.count(tx.read(), null) : matches(q, tx.generation()).size();
  }

  /**
   * The list asks for the count and then for pages of the same query; the matching ids are computed
   * once per query and reused until the next local write (see docs/decisions/0004). {@code
   * generation} is read before the matches, so a write meanwhile makes the next call compute again.
   */
  private Set<UUID> matches(String q, long generation) {
    Matches last = lastMatches;
    if (last != null && last.generation() == generation && last.query().equals(q)) {
      return last.ids();
    }
    Set<UUID> ids = Collections.unmodifiableSet(search.matchingLiveIds(tx.read(), q));
    lastMatches = new Matches(q, generation, ids);
    return ids;
  }

  private record Matches(String query, long generation, Set<UUID> ids) {}

  private volatile Matches lastMatches;

  @Override
  public Optional<Item> get(UUID id) {
    return items.get(tx.read(), id);
  }

  @Override
  public Optional<Item> findByCode(String code) {
    String c = SearchText.query(code);
    return c == null ? Optional.empty() : items.findByCode(tx.read(), c);
  }

  @Override
  public Optional<Item> findBySku(String sku) {
    String c = SearchText.query(sku);
    return c == null ? Optional.empty() : items.findBySku(tx.read(), c);
  }

  @Override
  public Item create(ItemDraft draft) {
    ItemDraft d = draft.normalized().validate();
    return translatingUniqueIndex(
        d,
        null,
        () ->
            tx.write(
                t -> {
                  items.checkUnique(t, d, null);
                  Instant now = stamps.now();
                  Hlc stamp = stamps.stamp(t);
                  Map<String, Hlc> clock = new TreeMap<>();
                  d.fields().keySet().forEach(f -> clock.put(f.wireName(), stamp));
                  UUID id = ids.next();
                  ItemsRecord row =
                      items.insert(t, id, d, Payloads.clockJson(clock), now, SyncStatus.PENDING);
                  queue.enqueue(
                      t,
                      EntityType.ITEMS,
                      MutationAction.CREATE,
                      id,
                      Payloads.payload(data(d.fields()), clock, 1, now),
                      null);
                  return ItemRepository.toDomain(row);
                }));
  }

  @Override
  public Item update(UUID id, ItemDraft draft) {
    ItemDraft d = draft.normalized().validate();
    return translatingUniqueIndex(d, id, () -> tx.write(t -> updateIn(t, id, d, false).item()));
  }

  /** An item update as written: the item, and the mutation queued for it (null if none). */
  record Updated(Item item, UUID mutationId) {}

  /**
   * Updates an item inside the caller's transaction. With {@code alone} the mutation gets a row of
   * its own instead of folding into a pending one, and its id is returned.
   */
  Updated updateIn(DSLContext t, UUID id, ItemDraft draft, boolean alone) {
    ItemDraft d = draft.normalized().validate();
    ItemsRecord row = items.fetchLive(t, id);
    Map<ItemField, Object> changed = d.changedFrom(ItemRepository.toDomain(row).toDraft());
    if (changed.isEmpty()) {
      return new Updated(ItemRepository.toDomain(row), null);
    }
    items.checkUnique(t, d, id);
    Instant now = stamps.now();
    Hlc stamp = stamps.stamp(t);
    Map<String, Hlc> changedClock = new TreeMap<>();
    changed.keySet().forEach(f -> changedClock.put(f.wireName(), stamp));
    Map<String, Hlc> rowClock = Payloads.fieldClock(row.getFieldClock());
    Payloads.mergeClock(rowClock, changedClock);
    Long baseVersion = row.getServerVersion();
    Payloads.Data base = syncedValues(t, row, changed.keySet());
    items.update(t, row, d, Payloads.clockJson(rowClock), now);
    String payload = Payloads.payload(data(changed), changedClock, row.getVersion(), now, base);
    UUID mutation = null;
    if (alone) {
      mutation =
          queue.enqueueAlone(t, EntityType.ITEMS, MutationAction.UPDATE, id, payload, baseVersion);
    } else {
      queue.enqueue(t, EntityType.ITEMS, MutationAction.UPDATE, id, payload, baseVersion);
    }
    return new Updated(ItemRepository.toDomain(row), mutation);
  }

  /**
   * Puts an item's fields and field stamps back as a snapshot holds them (taking back a conflict's
   * settlement that was never sent), inside the caller's transaction.
   */
  void restore(DSLContext t, UUID id, ItemDraft fields, String fieldClock) {
    ItemsRecord row = items.fetchLive(t, id);
    items.update(t, row, fields, fieldClock, stamps.now());
  }

  @Override
  public void delete(UUID id) {
    tx.run(
        t -> {
          ItemsRecord row =
              items
                  .fetch(t, id)
                  .orElseThrow(() -> new ValidationException("item", "Unknown item " + id + "."));
          if (row.getIsDeleted()) {
            return; // deleting twice changes nothing and queues nothing
          }
          Instant now = stamps.now();
          items.markDeleted(row, now);
          queue.enqueue(
              t,
              EntityType.ITEMS,
              MutationAction.DELETE,
              id,
              Payloads.payload(new Payloads.Data(), null, row.getVersion(), now),
              row.getServerVersion());
        });
  }

  @Override
  public List<ItemNote> notes(UUID itemId) {
    return notes.list(itemId);
  }

  @Override
  public ItemNote addNote(UUID itemId, String body, String author) {
    return notes.add(itemId, body, author);
  }

  @Override
  public ItemNote updateNote(UUID noteId, String body) {
    return notes.update(noteId, body);
  }

  @Override
  public void deleteNote(UUID noteId) {
    notes.delete(noteId);
  }

  /**
   * The last synced value of each of {@code fields}, where known: a field no open mutation of the
   * item has changed still holds it; for one that an open mutation changed, that mutation's base
   * holds it. An item the server has never seen has no base.
   */
  private Payloads.Data syncedValues(DSLContext t, ItemsRecord row, Set<ItemField> fields) {
    Payloads.Data base = new Payloads.Data();
    if (row.getServerVersion() == null) {
      return base;
    }
    List<String> open =
        t.select(MUTATION_QUEUE.PAYLOAD)
            .from(MUTATION_QUEUE)
            .where(MUTATION_QUEUE.ENTITY_ID.eq(row.getId()))
            .and(MUTATION_QUEUE.STATUS.in(MutationQueue.OPEN))
            .orderBy(MUTATION_QUEUE.SEQ)
            .fetch(MUTATION_QUEUE.PAYLOAD);
    Map<ItemField, Object> current = ItemRepository.toDomain(row).toDraft().fields();
    for (ItemField f : fields) {
      String name = f.wireName();
      JsonNode earlier = null;
      boolean changedEarlier = false;
      for (String payload : open) {
        JsonNode p = Payloads.read(payload);
        if (p.path("data").has(name)) {
          changedEarlier = true;
          earlier = p.path("base").get(name);
          break;
        }
      }
      if (!changedEarlier) {
        base.put(name, current.get(f));
      } else if (earlier != null) {
        base.node.set(name, earlier);
      }
    }
    return base;
  }

  /** Item fields in wire form. */
  static Payloads.Data data(Map<ItemField, Object> fields) {
    Payloads.Data data = new Payloads.Data();
    fields.forEach((field, value) -> data.put(field.wireName(), value));
    return data;
  }

  /**
   * The check before writing covers the usual case; a concurrent writer (another thread) can still
   * win the race, and then the unique index refuses the row. Turn that into the same message.
   */
  private Item translatingUniqueIndex(ItemDraft d, UUID self, Supplier<Item> write) {
    try {
      return write.get();
    } catch (IntegrityConstraintViolationException e) {
      items.checkUnique(tx.read(), d, self);
      throw e;
    }
  }
}
