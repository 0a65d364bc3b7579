package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.CountConflict;
import io.stockroom.domain.CountResolution;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.StockCount;
import io.stockroom.domain.SyncConflict;
import io.stockroom.server.TestServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "You counted 37 in the bin. Since you started, 5 were picked there." Each choice of the count
 * dialog, against the real server: the level every laptop ends with, and the movements behind it.
 */
class CountSettlementSyncTest {

  @TempDir static Path shared;
  static TestServer server;
  static int next;
  @TempDir Path tmp;
  final List<Laptop> laptops = new ArrayList<>();
  Laptop picker;
  Laptop counter;
  Item item;
  String bin;
  CountConflict conflict;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(shared.resolve("server"));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void countMeetsAPick() {
    int n = next++;
    bin = "CNT-" + n;
    picker = Laptop.at(tmp.resolve("picker")).signIn(server, "demo");
    counter = Laptop.at(tmp.resolve("counter")).signIn(server, "demo");
    laptops.addAll(List.of(picker, counter));
    picker.store.locations().create(bin, "C", null);
    item = picker.store.catalog().create(ItemDraft.of("CNT-ITEM-" + n, "Counted bolts " + n));
    move(picker, MovementReason.RECEIVE, null, bin, "40");
    assertThat(picker.sync().ok()).isTrue();
    assertThat(counter.sync().ok()).isTrue();

    // The counter counts 37 offline (expecting 40); meanwhile 5 are picked and synced.
    StockCount count = counter.store.stock().count(item.id(), bin, new BigDecimal("37"));
    assertThat(count.expectedQuantity()).isEqualByComparingTo("40");
    move(picker, MovementReason.PICK, bin, null, "5");
    assertThat(picker.sync().ok()).isTrue();

    CycleResult r = counter.sync();
    assertThat(r.conflicts()).isEqualTo(1);
    SyncConflict entry = counter.store.sync().conflicts(true).get(0);
    conflict = counter.store.conflictInbox().count(entry.id());
    assertThat(conflict.counted()).isEqualByComparingTo("37");
    assertThat(conflict.expected()).isEqualByComparingTo("40");
    assertThat(conflict.serverNow()).isEqualByComparingTo("35");
    assertThat(conflict.applyAdjustment()).isEqualByComparingTo("2");
    // The pick the count did not include, by the same user on the other laptop.
    assertThat(conflict.unseen()).hasSize(1);
    CountConflict.Move pick = conflict.unseen().get(0);
    assertThat(pick.reason()).isEqualTo(MovementReason.PICK);
    assertThat(pick.change()).isEqualByComparingTo("-5");
    assertThat(pick.by()).isEqualTo(CountConflict.Mover.YOU_ELSEWHERE);
    assertThat(conflict.notYetReceived()).isZero();
  }

  @AfterEach
  void closeLaptops() {
    Laptop.closeAll(laptops);
  }

  void move(Laptop l, MovementReason reason, String from, String to, String qty) {
    l.store
        .stock()
        .record(new MovementRequest(item.id(), reason, from, to, new BigDecimal(qty), null));
  }

  BigDecimal onHand(Laptop l) {
    return l.store.stock().onHand(item.id()).stream()
        .filter(o -> o.locationCode().equals(bin))
        .findFirst()
        .orElseThrow()
        .quantity();
  }

  void everyoneSyncs() {
    assertThat(counter.sync().ok()).isTrue();
    assertThat(picker.sync().ok()).isTrue();
    assertThat(counter.sync().ok()).isTrue();
  }

  @Test
  void applyAnywaySetsTheBinToTheCount() {
    counter.store.conflictInbox().resolveCount(conflict.conflictId(), CountResolution.APPLY_ANYWAY);
    everyoneSyncs();
    assertThat(onHand(counter)).isEqualByComparingTo("37");
    assertThat(onHand(picker)).isEqualByComparingTo("37");
    assertThat(counter.store.conflictInbox().openCount()).isZero();
    // Receive 40, pick 5, and the count's adjustment of +2: the level is the sum of the ledger.
    assertThat(picker.store.stock().movements(item.id(), 10))
        .extracting(m -> m.quantity().stripTrailingZeros().toPlainString())
        .containsExactlyInAnyOrder("40", "5", "2");
  }

  @Test
  void discardKeepsTheServersLevel() {
    counter.store.conflictInbox().resolveCount(conflict.conflictId(), CountResolution.DISCARD);
    everyoneSyncs();
    assertThat(onHand(counter)).isEqualByComparingTo("35");
    assertThat(onHand(picker)).isEqualByComparingTo("35");
    assertThat(picker.store.stock().movements(item.id(), 10)).hasSize(2);
  }

  @Test
  void recountRecordsTheNewCountAgainstTheCurrentLevel() {
    counter.store.conflictInbox().resolveCount(conflict.conflictId(), CountResolution.RECOUNT);
    assertThat(counter.sync().ok()).isTrue();
    StockCount again = counter.store.stock().count(item.id(), bin, new BigDecimal("34"));
    assertThat(again.expectedQuantity()).isEqualByComparingTo("35");
    everyoneSyncs();
    assertThat(counter.store.conflictInbox().openCount()).isZero();
    assertThat(onHand(counter)).isEqualByComparingTo("34");
    assertThat(onHand(picker)).isEqualByComparingTo("34");
  }
}
