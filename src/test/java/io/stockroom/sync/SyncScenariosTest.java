package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.SyncConflict;
import io.stockroom.domain.SyncStatus;
import io.stockroom.server.TestServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios of issue 4 against the real server, in process on 127.0.0.1. */
class SyncScenariosTest {

  @TempDir Path tmp;
  TestServer server;
  final List<Laptop> laptops = new ArrayList<>();

  @BeforeEach
  void startServer() {
    server = TestServer.start(tmp.resolve("server"));
  }

  @AfterEach
  void stop() {
    Laptop.closeAll(laptops);
    server.close();
  }

  Laptop laptop(String name) {
    Laptop l = Laptop.at(tmp.resolve(name));
    laptops.add(l);
    return l;
  }

  Laptop laptop(String name, java.util.function.Function<String, Transport> transports) {
    Laptop l = new Laptop(tmp.resolve(name), Clock.systemUTC(), name.hashCode(), transports);
    laptops.add(l);
    return l;
  }

  /** Every record of an entity the server holds for the demo user. */
  List<JsonNode> serverRecords(String entity) {
    return server.pullAll(server.login("demo", "demo"), entity);
  }

  static Item addItem(Laptop l, String sku, String name) {
    return l.store.catalog().create(ItemDraft.of(sku, name));
  }

  @Test
  void coldStartOfflineKeepsWorkingAndKeepsTheQueue() {
    Laptop a = laptop("a").signIn(server, "demo");
    assertThat(a.sync().ok()).isTrue();
    int pulled = a.store.catalog().count("");
    assertThat(pulled).isEqualTo(20);
    server.close();

    a.reopen();
    assertThat(a.store.catalog().count("")).isEqualTo(20); // cached data renders
    Item made = addItem(a, "OFF-1", "Made offline");
    CycleResult r = a.sync();
    assertThat(r.outcome()).isEqualTo("offline");
    assertThat(a.store.outbox().pendingCount()).isEqualTo(1);
    assertThat(a.store.catalog().get(made.id())).isPresent();
    assertThat(a.store.sync().recentLog(1).get(0).outcome()).isEqualTo("offline");
    server = TestServer.start(tmp.resolve("server2"));
  }

  @Test
  void offlineWritesOnAFreshProfileDrainOnFirstSignInUnderTheUsersSite() {
    Laptop a = laptop("fresh");
    a.store.locations().create("BIN-9", "Z", null);
    Item item = addItem(a, "FRESH-1", "Fresh item");
    a.store
        .stock()
        .record(
            new MovementRequest(
                item.id(), MovementReason.RECEIVE, null, "BIN-9", new BigDecimal("5"), null));
    a.store
        .catalog()
        .update(item.id(), new ItemDraft("FRESH-1", null, "Fresh item v2", null, "ea", null, 0));
    List<QueuedMutation> queued = a.store.outbox().open();
    assertThat(queued).isNotEmpty();
    assertThat(queued).allSatisfy(m -> assertThat(m.idempotencyKey()).isNotNull());
    assertThat(a.sync().outcome()).isEqualTo("signed_out");

    a.signIn(server, "demo");
    CycleResult r = a.sync();
    assertThat(r.outcome()).isEqualTo("ok");
    assertThat(r.accepted()).isEqualTo(3); // location, item (create+update coalesced), movement
    assertThat(a.store.outbox().pendingCount()).isZero();
    assertThat(a.store.sync().failed()).isEmpty();

    Item synced = a.store.catalog().get(item.id()).orElseThrow();
    assertThat(synced.syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(synced.serverVersion()).isNotNull();
    assertThat(synced.name()).isEqualTo("Fresh item v2");
    String mainSite = server.mainSiteId(server.login("demo", "demo"));
    assertThat(a.store.locations().currentSite().id().toString()).isEqualTo(mainSite);
    JsonNode movement =
        serverRecords("stock_movements").stream()
            .filter(m -> m.get("item_id").asText().equals(item.id().toString()))
            .findFirst()
            .orElseThrow();
    assertThat(movement.get("site_id").asText()).isEqualTo(mainSite);
    assertThat(a.store.stock().onHand(item.id()).get(0).quantity()).isEqualByComparingTo("5");
  }

  @Test
  void conflictOnSyncAppliesThePolicyAndLosesNothing() {
    Laptop a = laptop("a").signIn(server, "demo");
    Laptop b = laptop("b").signIn(server, "demo");
    assertThat(a.sync().ok()).isTrue();
    assertThat(b.sync().ok()).isTrue();
    Item onA = a.store.catalog().findBySku("SKU-000001").orElseThrow();
    Item onB = b.store.catalog().findBySku("SKU-000001").orElseThrow();
    a.store
        .catalog()
        .update(
            onA.id(),
            new ItemDraft(
                onA.sku(),
                onA.barcode(),
                "Name from A",
                onA.description(),
                onA.unit(),
                onA.category(),
                onA.reorderPoint()));
    b.store
        .catalog()
        .update(
            onB.id(),
            new ItemDraft(
                onB.sku(),
                onB.barcode(),
                "Name from B",
                onB.description(),
                onB.unit(),
                "from-b",
                onB.reorderPoint()));

    assertThat(a.sync().accepted()).isEqualTo(1);
    CycleResult rb = b.sync();
    assertThat(rb.conflicts()).isEqualTo(1);

    List<SyncConflict> inbox = b.store.sync().conflicts(true);
    assertThat(inbox).hasSize(1);
    SyncConflict c = inbox.get(0);
    assertThat(c.policy()).isEqualTo("FIELD_MERGE");
    assertThat(c.fields()).containsExactly("name");
    assertThat(c.localPayload()).contains("Name from B"); // nothing lost
    assertThat(c.serverRecord()).contains("Name from A");
    Item after = b.store.catalog().get(onB.id()).orElseThrow();
    assertThat(after.syncStatus()).isEqualTo(SyncStatus.CONFLICT);
    assertThat(after.category()).isEqualTo("from-b"); // the other field merged
    assertThat(after.name()).isEqualTo("Name from A");
    // The dialog's three columns: yours, theirs, and the value both laptops started from.
    var name =
        b.store.conflictInbox().item(c.id()).fields().stream()
            .filter(f -> f.field() == io.stockroom.domain.ItemField.NAME)
            .findFirst()
            .orElseThrow();
    assertThat(name.yours()).isEqualTo("Name from B");
    assertThat(name.theirs()).isEqualTo("Name from A");
    assertThat(name.base()).isEqualTo(onB.name());
    assertThat(name.conflicting()).isTrue();

    b.store.sync().resolve(c.id(), "take_theirs");
    assertThat(b.store.catalog().get(onB.id()).orElseThrow().syncStatus())
        .isEqualTo(SyncStatus.SYNCED);
    assertThat(a.sync().ok()).isTrue();
    assertThat(a.store.catalog().get(onA.id()).orElseThrow().category()).isEqualTo("from-b");
  }

  @Test
  void lostResponseIsRetriedWithoutDuplicate() {
    FlakyTransport[] flaky = new FlakyTransport[1];
    Laptop a = laptop("a", url -> flaky[0] = new FlakyTransport(new HttpTransport(url)));
    a.signIn(server, "demo");
    assertThat(a.sync().ok()).isTrue();
    Item item = a.store.catalog().findBySku("SKU-000002").orElseThrow();
    a.store
        .stock()
        .record(
            new MovementRequest(
                item.id(), MovementReason.RECEIVE, null, "A-01", new BigDecimal("3"), "po-1"));
    flaky[0].next("/api/sync/push", FlakyTransport.Fault.DROP_RESPONSE);

    CycleResult first = a.sync();
    assertThat(first.outcome()).isEqualTo("offline");
    assertThat(a.store.outbox().pendingCount()).isEqualTo(1);
    // The retry is due after its backoff; make it due now.
    QueuedMutation m = a.store.outbox().open().get(0);
    assertThat(m.retryCount()).isEqualTo(1);
    a.store.outbox().markFailed(m.id(), "test");
    a.store.outbox().retry(m.id());

    CycleResult second = a.sync();
    assertThat(second.ok()).isTrue();
    assertThat(second.accepted()).isEqualTo(1);
    long copies =
        serverRecords("stock_movements").stream()
            .filter(r -> "po-1".equals(r.path("reference").asText()))
            .count();
    assertThat(copies).isEqualTo(1);
    UUID bin = a.store.locations().findByCode("A-01").orElseThrow().id();
    assertThat(a.store.stock().onHand(item.id(), bin))
        .isEqualByComparingTo(serverLevel(item.id().toString(), bin.toString()));
  }

  BigDecimal serverLevel(String itemId, String locationId) {
    return serverRecords("stock_levels").stream()
        .filter(l -> l.get("item_id").asText().equals(itemId))
        .filter(l -> l.get("location_id").asText().equals(locationId))
        .map(l -> l.get("quantity").decimalValue())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void aRejectedMutationFailsAtOnceAndDoesNotBlockTheOthers() {
    Laptop a = laptop("a");
    Item dup = addItem(a, "SKU-000003", "Clashes with the server"); // the server has this SKU
    Item fine = addItem(a, "OK-1", "Fine");
    a.signIn(server, "demo");
    CycleResult r = a.sync();
    assertThat(r.ok()).isTrue();
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(r.accepted()).isEqualTo(1);
    List<QueuedMutation> failed = a.store.sync().failed();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).entityId()).isEqualTo(dup.id());
    assertThat(failed.get(0).error()).contains("duplicate_sku");
    assertThat(a.store.catalog().get(fine.id()).orElseThrow().syncStatus())
        .isEqualTo(SyncStatus.SYNCED);
    // The user discards it: nothing open remains, and the create the server refused is gone.
    a.store.sync().discard(failed.get(0).id());
    assertThat(a.store.sync().openCount()).isZero();
    assertThat(a.store.catalog().get(dup.id())).isEmpty();
    assertThat(a.store.catalog().findBySku("SKU-000003")).isPresent(); // the server's own
  }

  @Test
  void expiredCursorPullsTheEntityAgainAndKeepsPendingMutations() {
    FlakyTransport[] flaky = new FlakyTransport[1];
    Laptop a = laptop("a", url -> flaky[0] = new FlakyTransport(new HttpTransport(url)));
    a.signIn(server, "demo");
    assertThat(a.sync().ok()).isTrue();
    a.store.sync().failed();
    Item item = addItem(a, "KEEP-1", "Pending while the cursor expires");
    a.store.outbox().markInFlight(List.of(a.store.outbox().open().get(0).id()));
    a.store.outbox().resetInFlight();
    flaky[0].next("/api/sync/pull?entity=items&since", FlakyTransport.Fault.GONE);
    CycleResult r = a.sync();
    assertThat(r.ok()).isTrue();
    assertThat(r.pulled()).isGreaterThanOrEqualTo(20); // items again from the start
    assertThat(a.store.catalog().get(item.id()).orElseThrow().syncStatus())
        .isEqualTo(SyncStatus.SYNCED);
    assertThat(a.store.catalog().count("")).isEqualTo(21);
  }

  @Test
  void serverErrorsBackOffAndRetry() {
    FlakyTransport[] flaky = new FlakyTransport[1];
    Laptop a = laptop("a", url -> flaky[0] = new FlakyTransport(new HttpTransport(url)));
    a.signIn(server, "demo");
    flaky[0].next("/api/sync/pull", FlakyTransport.Fault.UNAVAILABLE);
    CycleResult r = a.sync();
    assertThat(r.outcome()).isEqualTo("offline");
    assertThat(r.retryAfter()).hasSeconds(1);
    assertThat(a.sync().ok()).isTrue();
  }

  @Test
  void slowNetworkStillCompletes() {
    Laptop a = laptop("slow", url -> new ShapedTransport(new HttpTransport(url), 300, 50_000));
    a.signIn(server, "demo");
    addItem(a, "SLOW-1", "Over a slow link");
    CycleResult r = a.sync();
    assertThat(r.ok()).isTrue();
    assertThat(r.accepted()).isEqualTo(1);
    assertThat(a.store.outbox().pendingCount()).isZero();
  }

  @Test
  void aSecondAccountOnAnotherSiteSeesOnlyItsSite() {
    Laptop o = laptop("other").signIn(server, "other");
    assertThat(o.sync().ok()).isTrue();
    assertThat(o.store.locations().currentSite().code()).isEqualTo("OTHER");
    assertThat(o.store.locations().list()).isEmpty();
  }

  @Test
  void inFlightGoesBackToPendingAtStartUp() {
    Laptop a = laptop("a");
    addItem(a, "IF-1", "In flight at the crash");
    QueuedMutation m = a.store.outbox().open().get(0);
    a.store.outbox().markInFlight(List.of(m.id()));
    a.reopen();
    assertThat(a.store.outbox().get(m.id()).status()).isEqualTo(MutationStatus.PENDING);
  }

  @Test
  void aBinAddedOfflineWhoseCodeTheServerHasIsMergedWithItsStock() {
    mergesABinWithTheServers("Z-9");
  }

  @Test
  void aBinWithTheLongestCodeMergesToo() {
    mergesABinWithTheServers("Z-" + "9".repeat(62));
  }

  private void mergesABinWithTheServers(String code) {
    String lower = code.toLowerCase(java.util.Locale.ROOT);
    Laptop a = laptop("a").signIn(server, "demo");
    assertThat(a.sync().ok()).isTrue();
    Item bolt = addItem(a, "MERGE-1", "Counted into a bin the server also has");
    assertThat(a.sync().ok()).isTrue();
    // Offline on the laptop: a new bin and a receipt into it.
    a.store.locations().create(code, "Z", null);
    a.store
        .stock()
        .record(
            new MovementRequest(
                bolt.id(), MovementReason.RECEIVE, null, code, new BigDecimal("5"), "offline"));
    // Meanwhile another laptop adds the same bin on the server, and stock into it.
    Laptop b = laptop("b").signIn(server, "demo");
    assertThat(b.sync().ok()).isTrue();
    b.store.locations().create(lower, "Z", "made first");
    b.store
        .stock()
        .record(
            new MovementRequest(
                bolt.id(), MovementReason.RECEIVE, null, lower, new BigDecimal("3"), "online"));
    assertThat(b.sync().ok()).isTrue();
    UUID serverBin = b.store.locations().findByCode(lower).orElseThrow().id();

    CycleResult r = a.sync();
    assertThat(r.ok()).isTrue();
    assertThat(r.rejected()).isZero();
    assertThat(a.store.sync().failed()).isEmpty();
    assertThat(a.store.sync().openCount()).isZero();
    // One bin on the laptop, the server's, holding both receipts, as on the server.
    assertThat(a.store.locations().list())
        .filteredOn(l -> l.code().equalsIgnoreCase(lower))
        .singleElement()
        .satisfies(l -> assertThat(l.id()).isEqualTo(serverBin));
    assertThat(serverLevel(bolt.id().toString(), serverBin.toString())).isEqualByComparingTo("8");
    assertThat(a.store.stock().onHand(bolt.id(), serverBin)).isEqualByComparingTo("8");
    // The user is told, in plain words, in the settled part of the inbox.
    assertThat(a.store.conflictInbox().list(true))
        .anySatisfy(
            c -> {
              assertThat(c.policy()).isEqualTo("MERGED");
              assertThat(c.reason()).contains(code).contains("already existed on the server");
            });
    assertThat(b.sync().ok()).isTrue();
    assertThat(b.store.stock().onHand(bolt.id(), serverBin)).isEqualByComparingTo("8");
  }
}
