package io.stockroom.app;

import io.stockroom.domain.CatalogService;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemNote;
import io.stockroom.domain.Location;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.OutboxService;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.Site;
import io.stockroom.domain.StockCount;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.StockService;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.TextField;
import io.stockroom.domain.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory stand-in for the local store with the behaviour the screens rely on: validation,
 * duplicate codes refused, every write queued in the outbox. Counts calls so tests can check that a
 * refusal wrote nothing and that a long list is fetched a page at a time.
 */
public final class FakeStore {

  private final IdGeneratorStub ids = new IdGeneratorStub();
  private final Site site = new Site(ids.next(), "LOCAL", "This laptop", SyncStatus.PENDING);
  private final Map<UUID, Item> items = new LinkedHashMap<>();
  private final Map<UUID, Location> locations = new LinkedHashMap<>();
  private final List<StockMovement> movements = new ArrayList<>();
  private final List<StockCount> counts = new ArrayList<>();
  private final List<ItemNote> notes = new ArrayList<>();
  private final List<QueuedMutation> outbox = new ArrayList<>();
  private TreeMap<String, Item> bySku;

  public final AtomicInteger searches = new AtomicInteger();
  public final AtomicInteger writes = new AtomicInteger();
  public volatile boolean failing;

  public final CatalogService catalog = new Catalog();
  public final LocationService locationService = new Locations();
  public final StockService stock = new Stock();
  public final OutboxService outboxService = new Outbox();

  public Services services() {
    return new Services(catalog, locationService, stock, outboxService);
  }

  /** Adds many items without queueing (as if pulled), for the 100K list. */
  public synchronized void bulkItems(int n) {
    for (int i = 0; i < n; i++) {
      String sku = String.format("BULK-%06d", i);
      Item item =
          new Item(
              ids.next(),
              sku,
              null,
              "Bulk item " + i,
              null,
              "ea",
              null,
              0,
              1,
              1L,
              SyncStatus.SYNCED,
              Instant.EPOCH);
      items.put(item.id(), item);
    }
    bySku = null;
  }

  public synchronized int outboxSize() {
    return outbox.size();
  }

  private void queue(EntityType type, MutationAction action, UUID entityId) {
    writes.incrementAndGet();
    outbox.add(
        new QueuedMutation(
            ids.next(),
            outbox.size() + 1L,
            ids.next(),
            type,
            action,
            entityId,
            "{}",
            null,
            0,
            10,
            Instant.parse("2026-11-24T10:00:00Z"),
            MutationStatus.PENDING,
            null,
            null));
  }

  private void checkUp() {
    if (failing) {
      throw new IllegalStateException("database is closed");
    }
  }

  private TreeMap<String, Item> sorted() {
    if (bySku == null) {
      // The store's order: SKUs case-insensitively (two SKUs differing only in case stay apart).
      bySku = new TreeMap<>(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
      items.values().forEach(i -> bySku.put(i.sku(), i));
    }
    return bySku;
  }

  private List<Item> matching(String query) {
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    List<Item> out = new ArrayList<>();
    for (Item i : sorted().values()) {
      if (q.isEmpty()
          || i.sku().toLowerCase(Locale.ROOT).startsWith(q)
          || (i.barcode() != null && i.barcode().toLowerCase(Locale.ROOT).startsWith(q))
          || java.util.Arrays.stream(i.name().toLowerCase(Locale.ROOT).split("\\s+"))
              .anyMatch(w -> w.startsWith(q))) {
        out.add(i);
      }
    }
    return out;
  }

  private Optional<Location> location(String code) {
    return locations.values().stream().filter(l -> l.code().equalsIgnoreCase(code)).findFirst();
  }

  private synchronized BigDecimal totalOnHand(UUID itemId) {
    return locations.values().stream()
        .map(l -> level(itemId, l.id()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private BigDecimal level(UUID itemId, UUID locationId) {
    BigDecimal sum = BigDecimal.ZERO;
    for (StockMovement m : movements) {
      if (!m.itemId().equals(itemId)) {
        continue;
      }
      if (locationId.equals(m.toLocationId())) {
        sum = sum.add(m.quantity());
      }
      if (locationId.equals(m.fromLocationId())) {
        sum = sum.subtract(m.quantity());
      }
    }
    return sum;
  }

  private final class Catalog implements CatalogService {
    @Override
    public List<Item> search(String query, int offset, int limit) {
      synchronized (FakeStore.this) {
        checkUp();
        searches.incrementAndGet();
        List<Item> all = matching(query);
        return List.copyOf(
            all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())));
      }
    }

    @Override
    public List<Item> search(
        String query, io.stockroom.domain.ItemOrder order, int offset, int limit) {
      synchronized (FakeStore.this) {
        checkUp();
        searches.incrementAndGet();
        java.util.Comparator<Item> bySku =
            java.util.Comparator.comparing(Item::sku, String.CASE_INSENSITIVE_ORDER);
        java.util.Comparator<Item> c =
            switch (order) {
              case SKU -> bySku;
              case SKU_DESCENDING -> bySku.reversed();
              case NAME ->
                  java.util.Comparator.comparing(Item::name, String.CASE_INSENSITIVE_ORDER)
                      .thenComparing(bySku);
              case NAME_DESCENDING ->
                  java.util.Comparator.comparing(Item::name, String.CASE_INSENSITIVE_ORDER)
                      .thenComparing(bySku)
                      .reversed();
              case ON_HAND ->
                  java.util.Comparator.comparing((Item i) -> totalOnHand(i.id()))
                      .thenComparing(bySku);
              case ON_HAND_DESCENDING ->
                  java.util.Comparator.comparing((Item i) -> totalOnHand(i.id()))
                      .thenComparing(bySku)
                      .reversed();
            };
        List<Item> all = new ArrayList<>(matching(query));
        all.sort(c);
        return List.copyOf(
            all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())));
      }
    }

    @Override
    public int count(String query) {
      synchronized (FakeStore.this) {
        checkUp();
        return matching(query).size();
      }
    }

    @Override
    public Optional<Item> get(UUID id) {
      synchronized (FakeStore.this) {
        return Optional.ofNullable(items.get(id));
      }
    }

    @Override
    public Optional<Item> findByCode(String code) {
      synchronized (FakeStore.this) {
        return items.values().stream()
            .filter(i -> code.equals(i.barcode()) || code.equals(i.sku()))
            .findFirst();
      }
    }

    @Override
    public Item create(ItemDraft draft) {
      synchronized (FakeStore.this) {
        checkUp();
        ItemDraft d = draft.normalized().validate();
        checkUnique(null, d);
        Item item =
            new Item(
                ids.next(),
                d.sku(),
                d.barcode(),
                d.name(),
                d.description(),
                d.unit(),
                d.category(),
                d.reorderPoint(),
                1,
                null,
                SyncStatus.PENDING,
                Instant.now());
        items.put(item.id(), item);
        bySku = null;
        queue(EntityType.ITEMS, MutationAction.CREATE, item.id());
        return item;
      }
    }

    @Override
    public Item update(UUID id, ItemDraft draft) {
      synchronized (FakeStore.this) {
        checkUp();
        ItemDraft d = draft.normalized().validate();
        Item old = items.get(id);
        if (old == null) {
          throw new ValidationException("item", "Unknown item.");
        }
        checkUnique(id, d);
        Item item =
            new Item(
                id,
                d.sku(),
                d.barcode(),
                d.name(),
                d.description(),
                d.unit(),
                d.category(),
                d.reorderPoint(),
                old.version() + 1,
                old.serverVersion(),
                SyncStatus.PENDING,
                Instant.now());
        items.put(id, item);
        bySku = null;
        queue(EntityType.ITEMS, MutationAction.UPDATE, id);
        return item;
      }
    }

    private void checkUnique(UUID self, ItemDraft d) {
      for (Item other : items.values()) {
        if (other.id().equals(self)) {
          continue;
        }
        if (other.sku().equalsIgnoreCase(d.sku())) {
          throw new ValidationException(
              "sku", "SKU " + d.sku() + " is already used by " + other.name() + ".");
        }
        if (d.barcode() != null && d.barcode().equals(other.barcode())) {
          throw new ValidationException("barcode", "Barcode " + d.barcode() + " is already used.");
        }
      }
    }

    @Override
    public void delete(UUID id) {
      synchronized (FakeStore.this) {
        items.remove(id);
        bySku = null;
        queue(EntityType.ITEMS, MutationAction.DELETE, id);
      }
    }

    @Override
    public List<ItemNote> notes(UUID itemId) {
      synchronized (FakeStore.this) {
        List<ItemNote> newestFirst = new ArrayList<>(notes);
        java.util.Collections.reverse(newestFirst); // kept in the order they were written
        return newestFirst.stream().filter(n -> n.itemId().equals(itemId)).toList();
      }
    }

    @Override
    public ItemNote addNote(UUID itemId, String body, String author) {
      synchronized (FakeStore.this) {
        ItemNote note =
            new ItemNote(ids.next(), itemId, body, author, Instant.now(), SyncStatus.PENDING);
        notes.add(note);
        queue(EntityType.ITEM_NOTES, MutationAction.CREATE, note.id());
        return note;
      }
    }

    @Override
    public ItemNote updateNote(UUID noteId, String body) {
      synchronized (FakeStore.this) {
        for (int i = 0; i < notes.size(); i++) {
          ItemNote n = notes.get(i);
          if (n.id().equals(noteId)) {
            ItemNote edited =
                new ItemNote(
                    n.id(),
                    n.itemId(),
                    TextField.NOTE_BODY.required(body, "A note needs some text."),
                    n.author(),
                    Instant.now(),
                    SyncStatus.PENDING);
            notes.set(i, edited);
            queue(EntityType.ITEM_NOTES, MutationAction.UPDATE, noteId);
            return edited;
          }
        }
        throw new ValidationException("note", "Unknown note.");
      }
    }

    @Override
    public void deleteNote(UUID noteId) {
      synchronized (FakeStore.this) {
        if (notes.removeIf(n -> n.id().equals(noteId))) {
          queue(EntityType.ITEM_NOTES, MutationAction.DELETE, noteId);
        }
      }
    }
  }

  private final class Locations implements LocationService {
    @Override
    public Site currentSite() {
      return site;
    }

    @Override
    public List<Location> list() {
      synchronized (FakeStore.this) {
        return locations.values().stream().sorted(Comparator.comparing(Location::code)).toList();
      }
    }

    @Override
    public Optional<Location> findByCode(String code) {
      synchronized (FakeStore.this) {
        return location(code);
      }
    }

    @Override
    public Location create(String code, String zone, String description) {
      synchronized (FakeStore.this) {
        if (code == null || code.isBlank()) {
          throw new ValidationException("code", "Bin code is required.");
        }
        if (location(code.strip()).isPresent()) {
          throw new ValidationException("code", "Bin " + code + " already exists.");
        }
        Location l =
            new Location(
                ids.next(), site.id(), code.strip(), zone, description, SyncStatus.PENDING);
        locations.put(l.id(), l);
        queue(EntityType.LOCATIONS, MutationAction.CREATE, l.id());
        return l;
      }
    }
  }

  private final class Stock implements StockService {
    @Override
    public StockMovement record(MovementRequest request) {
      synchronized (FakeStore.this) {
        checkUp();
        MovementRequest r = request.validate();
        Item item = items.get(r.itemId());
        if (item == null) {
          throw new ValidationException("item", "Unknown item.");
        }
        Location from =
            r.fromCode() == null
                ? null
                : location(r.fromCode())
                    .orElseThrow(
                        () -> new ValidationException("from", "Unknown location " + r.fromCode()));
        Location to =
            r.toCode() == null
                ? null
                : location(r.toCode())
                    .orElseThrow(
                        () -> new ValidationException("to", "Unknown location " + r.toCode()));
        StockMovement m =
            new StockMovement(
                ids.next(),
                item.id(),
                item.sku(),
                item.name(),
                from == null ? null : from.id(),
                from == null ? null : from.code(),
                to == null ? null : to.id(),
                to == null ? null : to.code(),
                Quantities.normalize(r.quantity()),
                r.reason(),
                r.reference(),
                Instant.now(),
                SyncStatus.PENDING);
        movements.add(m);
        queue(EntityType.STOCK_MOVEMENTS, MutationAction.CREATE, m.id());
        return m;
      }
    }

    @Override
    public StockCount count(UUID itemId, String locationCode, BigDecimal counted) {
      synchronized (FakeStore.this) {
        Location loc =
            location(locationCode)
                .orElseThrow(() -> new ValidationException("location", "Unknown location"));
        BigDecimal expected = level(itemId, loc.id());
        StockCount c =
            new StockCount(
                ids.next(),
                itemId,
                loc.id(),
                counted,
                expected,
                Instant.now(),
                "open",
                SyncStatus.PENDING);
        counts.add(c);
        queue(EntityType.STOCK_COUNTS, MutationAction.CREATE, c.id());
        BigDecimal diff = counted.subtract(expected);
        if (diff.signum() != 0) {
          Item item = items.get(itemId);
          movements.add(
              new StockMovement(
                  ids.next(),
                  itemId,
                  item.sku(),
                  item.name(),
                  diff.signum() < 0 ? loc.id() : null,
                  diff.signum() < 0 ? loc.code() : null,
                  diff.signum() > 0 ? loc.id() : null,
                  diff.signum() > 0 ? loc.code() : null,
                  diff.abs(),
                  MovementReason.COUNT,
                  null,
                  Instant.now(),
                  SyncStatus.PENDING));
        }
        return c;
      }
    }

    @Override
    public Map<UUID, BigDecimal> onHandTotals(java.util.Collection<UUID> itemIds) {
      synchronized (FakeStore.this) {
        Map<UUID, BigDecimal> totals = new java.util.HashMap<>();
        for (UUID id : itemIds) {
          List<OnHand> all = onHand(id);
          if (!all.isEmpty()) {
            totals.put(
                id, all.stream().map(OnHand::quantity).reduce(BigDecimal.ZERO, BigDecimal::add));
          }
        }
        return totals;
      }
    }

    @Override
    public List<OnHand> onHand(UUID itemId) {
      synchronized (FakeStore.this) {
        List<OnHand> out = new ArrayList<>();
        for (Location l : locations.values()) {
          boolean touched =
              movements.stream()
                  .anyMatch(
                      m ->
                          m.itemId().equals(itemId)
                              && (l.id().equals(m.toLocationId())
                                  || l.id().equals(m.fromLocationId())));
          if (touched) {
            out.add(new OnHand(l.id(), l.code(), level(itemId, l.id())));
          }
        }
        return out;
      }
    }

    @Override
    public BigDecimal onHand(UUID itemId, UUID locationId) {
      synchronized (FakeStore.this) {
        return level(itemId, locationId);
      }
    }

    @Override
    public List<StockMovement> activity(io.stockroom.domain.MovementFilter filter, int limit) {
      synchronized (FakeStore.this) {
        List<StockMovement> copy = new ArrayList<>(movements);
        java.util.Collections.reverse(copy);
        return copy.stream().filter(filter::matches).limit(limit).toList();
      }
    }

    @Override
    public List<StockMovement> movements(UUID itemId, int limit) {
      return activity(Integer.MAX_VALUE).stream()
          .filter(m -> m.itemId().equals(itemId))
          .limit(limit)
          .toList();
    }

    @Override
    public List<StockCount> counts(UUID itemId) {
      synchronized (FakeStore.this) {
        return counts.stream().filter(c -> c.itemId().equals(itemId)).toList();
      }
    }
  }

  private final class Outbox implements OutboxService {
    /** Items and bins as the real store words them; other kinds by their item's SKU only. */
    @Override
    public Map<UUID, String> labels(List<QueuedMutation> mutations) {
      synchronized (FakeStore.this) {
        Map<UUID, String> labels = new java.util.HashMap<>();
        for (QueuedMutation m : mutations) {
          String label =
              switch (m.entityType()) {
                case ITEMS -> {
                  Item i = items.get(m.entityId());
                  yield i == null ? null : i.sku() + " \u00b7 " + i.name();
                }
                case LOCATIONS -> {
                  Location l = locations.get(m.entityId());
                  yield l == null ? null : "Bin " + l.code();
                }
                case STOCK_MOVEMENTS ->
                    movements.stream()
                        .filter(x -> x.id().equals(m.entityId()))
                        .map(x -> items.get(x.itemId()).sku())
                        .findFirst()
                        .orElse(null);
                default -> null;
              };
          labels.put(m.id(), label == null ? "(removed)" : label);
        }
        return labels;
      }
    }

    @Override
    public List<QueuedMutation> open() {
      synchronized (FakeStore.this) {
        return List.copyOf(outbox);
      }
    }

    @Override
    public int pendingCount() {
      synchronized (FakeStore.this) {
        return outbox.size();
      }
    }
  }

  private static final class IdGeneratorStub {
    private final io.stockroom.domain.IdGenerator ids = io.stockroom.domain.IdGenerator.seeded(7);

    UUID next() {
      return ids.next();
    }
  }
}
