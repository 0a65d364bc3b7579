package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemNote;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CatalogTest extends StoreTestSupport {

  private static ItemDraft bolt() {
    return new ItemDraft(
        " ABC-1 ", "4006381333931", "Hex bolt M8 zinc", "Box of 100", "", "Fasteners", 10);
  }

  @Test
  void createStoresTheRowWithSyncFieldsAndQueuesItInOneGo() {
    Item item = store.catalog().create(bolt());

    assertThat(item.sku()).isEqualTo("ABC-1");
    assertThat(item.unit()).isEqualTo("ea");
    assertThat(item.version()).isEqualTo(1);
    assertThat(item.serverVersion()).isNull();
    assertThat(item.syncStatus()).isEqualTo(SyncStatus.PENDING);
    assertThat(item.updatedAt()).isEqualTo(clock.instant());
    assertThat(store.catalog().get(item.id())).contains(item);

    QueuedMutation m = store.outbox().open().get(0);
    assertThat(m.entityType()).isEqualTo(EntityType.ITEMS);
    assertThat(m.action()).isEqualTo(MutationAction.CREATE);
    assertThat(m.entityId()).isEqualTo(item.id());
    assertThat(m.baseVersion()).isNull();
    assertThat(m.idempotencyKey()).isNotEqualTo(item.id());

    JsonNode p = json(m.payload());
    assertThat(p.get("data").get("sku").asText()).isEqualTo("ABC-1");
    assertThat(p.get("data").get("reorder_point").asInt()).isEqualTo(10);
    assertThat(p.get("data").get("barcode").asText()).isEqualTo("4006381333931");
    assertThat(p.get("client_version").asLong()).isEqualTo(1);
    assertThat(p.get("client_updated_at").asText()).isEqualTo("2026-04-09T10:00:00.000Z");
    JsonNode clockNode = p.get("field_clock");
    assertThat(clockNode.size()).isEqualTo(7);
    Hlc stamp = Hlc.parse(clockNode.get("name").asText());
    assertThat(stamp.node()).isEqualTo(store.hlc().node());
    assertThat(clockNode.get("sku").asText()).isEqualTo(stamp.toString());
    String rowClock =
        store
            .dsl()
            .select(ITEMS.FIELD_CLOCK)
            .from(ITEMS)
            .where(ITEMS.ID.eq(item.id()))
            .fetchOne()
            .value1();
    assertThat(json(rowClock)).isEqualTo(clockNode);
  }

  @Test
  void updateStampsAndQueuesOnlyTheChangedFields() {
    Item item = store.catalog().create(bolt());
    String created = rowClock(item.id());
    store.outbox().markInFlight(store.outbox().due(10).stream().map(QueuedMutation::id).toList());
    clock.advance(Duration.ofMinutes(1));

    Item updated =
        store
            .catalog()
            .update(
                item.id(),
                new ItemDraft(
                    "ABC-1", "4006381333931", "Hex bolt M10", "Box of 100", "ea", "Fasteners", 12));

    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.name()).isEqualTo("Hex bolt M10");
    QueuedMutation m = store.outbox().open().get(1);
    assertThat(m.action()).isEqualTo(MutationAction.UPDATE);
    JsonNode p = json(m.payload());
    assertThat(p.get("data").properties())
        .extracting(e -> e.getKey())
        .containsExactlyInAnyOrder("name", "reorder_point");
    assertThat(p.get("field_clock").properties())
        .extracting(e -> e.getKey())
        .containsExactlyInAnyOrder("name", "reorder_point");
    assertThat(p.get("client_version").asLong()).isEqualTo(2);
    assertThat(p.get("client_updated_at").asText()).isEqualTo("2026-04-09T10:01:00.000Z");

    JsonNode before = json(created);
    JsonNode after = json(rowClock(item.id()));
    assertThat(after.get("sku")).isEqualTo(before.get("sku"));
    assertThat(Hlc.parse(after.get("name").asText()))
        .isGreaterThan(Hlc.parse(before.get("name").asText()));
    assertThat(after.get("name")).isEqualTo(p.get("field_clock").get("name"));
  }

  @Test
  void updateCarriesTheServerVersionAsBaseVersion() {
    Item item = store.catalog().create(bolt());
    store
        .dsl()
        .update(ITEMS)
        .set(ITEMS.SERVER_VERSION, 41L)
        .set(ITEMS.SYNC_STATUS, "synced")
        .execute();
    completeAll();

    ItemDraft d = item.toDraft();
    store
        .catalog()
        .update(
            item.id(),
            new ItemDraft(
                d.sku(),
                d.barcode(),
                "Hex bolt M12",
                d.description(),
                d.unit(),
                d.category(),
                d.reorderPoint()));

    assertThat(store.outbox().open())
        .singleElement()
        .satisfies(m -> assertThat(m.baseVersion()).isEqualTo(41L));
  }

  @Test
  void updateThatChangesNothingWritesNothing() {
    Item item = store.catalog().create(bolt());
    var before = rowCounts();
    String queue = store.outbox().open().get(0).payload();

    Item same = store.catalog().update(item.id(), bolt());

    assertThat(same).isEqualTo(item);
    assertThat(rowCounts()).isEqualTo(before);
    assertThat(store.outbox().open().get(0).payload()).isEqualTo(queue);
  }

  @Test
  void nameWordsAfterTheFirstAreIndexedAndFollowRenames() {
    WordIndex index = store.wordIndex();
    index.loadNow();
    Item item = store.catalog().create(ItemDraft.of("ABC-1", "Hex-bolt, M8 (zinc) zinc"));
    assertThat(index.wordsOf(item.id())).containsExactlyInAnyOrder("hex", "bolt", "m8", "zinc");

    store.catalog().update(item.id(), ItemDraft.of("ABC-1", "Wing nut"));

    assertThat(index.wordsOf(item.id())).containsExactlyInAnyOrder("wing", "nut");
    assertThat(index.startingWith("zi")).isEmpty();
    assertThat(index.startingWith("NU")).containsExactly(item.id());
  }

  @Test
  void duplicateSkuOrBarcodeIsRefusedWithTheHolderNamed() {
    store.catalog().create(bolt());
    var before = rowCounts();

    assertThatThrownBy(() -> store.catalog().create(ItemDraft.of("abc-1", "Other")))
        .isInstanceOf(ValidationException.class)
        .hasMessage("SKU abc-1 is already used by \"Hex bolt M8 zinc\".");
    assertThatThrownBy(
            () ->
                store
                    .catalog()
                    .create(new ItemDraft("X-1", "4006381333931", "Other", null, null, null, 0)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("Barcode 4006381333931 is already used by \"Hex bolt M8 zinc\".");
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void updateMayChangeTheCaseOfItsOwnSkuButNotTakeAnother() {
    Item a = store.catalog().create(ItemDraft.of("ABC-1", "Hex bolt"));
    Item b = store.catalog().create(ItemDraft.of("ABC-2", "Hex nut"));

    assertThat(store.catalog().update(a.id(), ItemDraft.of("abc-1", "Hex bolt")).sku())
        .isEqualTo("abc-1");
    assertThatThrownBy(() -> store.catalog().update(b.id(), ItemDraft.of("ABC-1", "Hex nut")))
        .isInstanceOf(ValidationException.class)
        .hasMessage("SKU ABC-1 is already used by \"Hex bolt\".");
  }

  @Test
  void uniqueIndexBackstopGivesTheSameMessage() {
    Item a = store.catalog().create(ItemDraft.of("ABC-1", "Hex bolt"));
    // Another writer took the SKU just after our check: simulate by skipping the first check.
    ItemRepository raced =
        new ItemRepository(sideWords()) {
          private boolean first = true;

          @Override
          void checkUnique(org.jooq.DSLContext ctx, ItemDraft draft, UUID self) {
            if (!first) {
              super.checkUnique(ctx, draft, self);
            }
            first = false;
          }
        };
    LocalCatalog catalog = catalogWith(raced);

    assertThatThrownBy(() -> catalog.create(ItemDraft.of("ABC-1", "Copy")))
        .isInstanceOf(ValidationException.class)
        .hasMessage("SKU ABC-1 is already used by \"Hex bolt\".");
    assertThat(store.catalog().search("", 0, 10)).containsExactly(a);
  }

  @Test
  void unknownIdsAreRefused() {
    UUID nobody = UUID.randomUUID();
    assertThatThrownBy(() -> store.catalog().update(nobody, bolt()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("Unknown item " + nobody + ".");
    assertThatThrownBy(() -> store.catalog().delete(nobody))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.catalog().addNote(nobody, "hi", null))
        .isInstanceOf(ValidationException.class);
    assertThat(store.catalog().get(nobody)).isEmpty();
  }

  @Test
  void softDeleteKeepsTheRowHidesItAndQueuesADelete() {
    Item item = store.catalog().create(bolt());
    clock.advance(Duration.ofSeconds(5));

    store.catalog().delete(item.id());

    var row = store.dsl().selectFrom(ITEMS).where(ITEMS.ID.eq(item.id())).fetchOne();
    assertThat(row.getIsDeleted()).isTrue();
    assertThat(row.getVersion()).isEqualTo(2);
    assertThat(store.catalog().get(item.id())).isEmpty();
    assertThat(store.catalog().search("ABC", 0, 10)).isEmpty();
    assertThat(store.catalog().search("bolt", 0, 10)).isEmpty();
    assertThat(store.catalog().search("", 0, 10)).isEmpty();
    assertThat(store.catalog().count("")).isZero();
    assertThat(store.catalog().findByCode("ABC-1")).isEmpty();
    QueuedMutation delete = store.outbox().open().get(1);
    assertThat(delete.action()).isEqualTo(MutationAction.DELETE);
    assertThat(json(delete.payload()).get("client_version").asLong()).isEqualTo(2);

    store.catalog().delete(item.id()); // twice: nothing more
    assertThat(store.outbox().open()).hasSize(2);
    assertThatThrownBy(() -> store.catalog().update(item.id(), bolt()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.catalog().create(bolt()))
        .hasMessage("SKU ABC-1 is already used by the deleted item \"Hex bolt M8 zinc\".");
  }

  @Test
  void findByCodePrefersBarcodeThenSku() {
    Item a = store.catalog().create(new ItemDraft("111", null, "First", null, null, null, 0));
    Item b = store.catalog().create(new ItemDraft("B-2", "111", "Second", null, null, null, 0));

    assertThat(store.catalog().findByCode("111")).contains(b);
    assertThat(store.catalog().findByCode(" b-2 ")).contains(b);
    assertThat(store.catalog().findByCode("11")).isEmpty();
    assertThat(store.catalog().findByCode("")).isEmpty();
    assertThat(a.sku()).isEqualTo("111");
  }

  @Test
  void notesAreLastWriteWinsByHlc() {
    Item item = store.catalog().create(bolt());
    ItemNote note = store.catalog().addNote(item.id(), " Keep dry ", "ana");
    NoteRepository notes = notes();
    Hlc first = notes.stamp(note.id());
    clock.set(clock.instant().minus(Duration.ofHours(1))); // wall clock went back

    ItemNote edited = store.catalog().updateNote(note.id(), "Keep dry and cool");

    assertThat(edited.body()).isEqualTo("Keep dry and cool");
    assertThat(notes.stamp(note.id())).isGreaterThan(first);
    assertThat(store.catalog().notes(item.id())).containsExactly(edited);
    store.catalog().deleteNote(note.id());
    assertThat(store.catalog().notes(item.id())).isEmpty();
    assertThat(store.outbox().open())
        .filteredOn(m -> m.entityType() == EntityType.ITEM_NOTES)
        .extracting(QueuedMutation::action)
        .containsExactly(MutationAction.CREATE, MutationAction.DELETE);
    assertThatThrownBy(() -> store.catalog().addNote(item.id(), "  ", null))
        .isInstanceOf(ValidationException.class);
  }

  private Tx sideTx;
  private WordIndex sideWords;

  /** A second writer over the store's database, for repositories built by a test. */
  private Tx sideTx() {
    if (sideTx == null) {
      sideTx = new Tx(store.dsl());
    }
    return sideTx;
  }

  private WordIndex sideWords() {
    if (sideWords == null) {
      sideWords = new WordIndex(sideTx());
    }
    return sideWords;
  }

  private NoteRepository notes() {
    return new NoteRepository(
        sideTx(), UUID::randomUUID, null, store.outbox(), new ItemRepository(sideWords()));
  }

  private LocalCatalog catalogWith(ItemRepository items) {
    Tx tx = sideTx();
    Stamps stamps = new Stamps(clock, store.hlc());
    MutationQueue queue = new MutationQueue(tx, UUID::randomUUID, stamps);
    return new LocalCatalog(
        tx,
        UUID::randomUUID,
        stamps,
        queue,
        items,
        new ItemSearch(sideWords()),
        new NoteRepository(tx, UUID::randomUUID, stamps, queue, items),
        new StockOrder(new ItemSearch(sideWords()), new StockRepository()));
  }

  private void completeAll() {
    store.outbox().open().forEach(m -> store.outbox().markCompleted(m.id()));
  }

  private String rowClock(UUID id) {
    return store
        .dsl()
        .select(ITEMS.FIELD_CLOCK)
        .from(ITEMS)
        .where(ITEMS.ID.eq(id))
        .fetchOne()
        .value1();
  }
}
