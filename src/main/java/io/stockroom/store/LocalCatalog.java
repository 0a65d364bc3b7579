package io.stockroom.store;

import io.stockroom.domain.CatalogService;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.ItemNote;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
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
  private final NoteRepository notes;

  LocalCatalog(
      Tx tx,
      IdGenerator ids,
      Stamps stamps,
      MutationQueue queue,
      ItemRepository items,
      NoteRepository notes) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
    this.queue = queue;
    this.items = items;
    this.notes = notes;
  }

  @Override
  public List<Item> search(String query, int offset, int limit) {
    String q = SearchText.query(query);
    if (q == null) {
      return items.search(tx.read(), null, offset, limit);
    }
    return items.page(tx.read(), matches(q), offset, limit);
  }

  @Override
  public int count(String query) {
    String q = SearchText.query(query);
    return q == null ? items.count(tx.read(), null) : matches(q).size();
  }

  /**
   * The list asks for the count and then for pages of the same query; the matching ids are computed
   * once per query and reused until the next local write (see docs/decisions/0004).
   */
  private Set<UUID> matches(String q) {
    long generation = tx.generation();
    Matches last = lastMatches;
    if (last != null && last.generation() == generation && last.query().equals(q)) {
      return last.ids();
    }
    Set<UUID> ids = Set.copyOf(ItemRepository.matchingLiveIds(tx.read(), q));
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
    return translatingUniqueIndex(
        d,
        id,
        () ->
            tx.write(
                t -> {
                  ItemsRecord row = items.fetchLive(t, id);
                  Map<ItemField, Object> changed =
                      d.changedFrom(ItemRepository.toDomain(row).toDraft());
                  if (changed.isEmpty()) {
                    return ItemRepository.toDomain(row);
                  }
                  items.checkUnique(t, d, id);
                  Instant now = stamps.now();
                  Hlc stamp = stamps.stamp(t);
                  Map<String, Hlc> changedClock = new TreeMap<>();
                  changed.keySet().forEach(f -> changedClock.put(f.wireName(), stamp));
                  Map<String, Hlc> rowClock = Payloads.fieldClock(row.getFieldClock());
                  Payloads.mergeClock(rowClock, changedClock);
                  Long baseVersion = row.getServerVersion();
                  items.update(t, row, d, Payloads.clockJson(rowClock), now);
                  queue.enqueue(
                      t,
                      EntityType.ITEMS,
                      MutationAction.UPDATE,
                      id,
                      Payloads.payload(data(changed), changedClock, row.getVersion(), now),
                      baseVersion);
                  return ItemRepository.toDomain(row);
                }));
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
