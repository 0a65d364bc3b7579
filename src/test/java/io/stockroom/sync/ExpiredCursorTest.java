package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.SyncStatus;
import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A laptop away for longer than the server keeps tombstones gets {@code 410 cursor_expired} and
 * pulls from scratch. The deletions it missed are no longer sent, only left out of the re-pull: it
 * must drop those records all the same, and keep everything it still has to push.
 */
class ExpiredCursorTest {

  @TempDir Path tmp;
  final List<Laptop> laptops = new ArrayList<>();
  StockroomServer server;

  @AfterEach
  void stop() {
    Laptop.closeAll(laptops);
    if (server != null) {
      server.close();
    }
  }

  Laptop laptop(String name) {
    Laptop l = Laptop.at(tmp.resolve(name));
    laptops.add(l);
    return l;
  }

  @Test
  void aRepullAfterTheHorizonDropsWhatTheServerDeletedAndKeepsPendingWork() throws Exception {
    MutableClock serverClock = new MutableClock(Duration.ZERO);
    server =
        StockroomServer.open(
                ServerConfig.h2(tmp.resolve("server"), 0)
                    .withPasswordIterations(1_000)
                    .withClock(serverClock)
                    .withIds(IdGenerator.seeded(41))
                    .withTombstoneRetention(Duration.ofDays(1)))
            .start();
    server.seeder().seed(5);
    String url = server.url();

    Laptop away = laptop("away");
    away.agent.signIn(url, "demo", "demo");
    Laptop office = laptop("office");
    office.agent.signIn(url, "demo", "demo");
    Item gone = office.store.catalog().create(ItemDraft.of("GONE-1", "Discontinued tape"));
    Item edited = office.store.catalog().create(ItemDraft.of("EDIT-1", "Edited while away"));
    assertThat(office.sync().ok()).isTrue();
    assertThat(away.sync().ok()).isTrue();
    assertThat(away.store.catalog().get(gone.id())).isPresent();

    // Away: one edit queued, one new item never synced. Meanwhile the office deletes both items.
    away.store
        .catalog()
        .update(edited.id(), ItemDraft.of("EDIT-1", "Renamed on the laptop that was away"));
    Item local = away.store.catalog().create(ItemDraft.of("LOCAL-1", "Created while away"));
    office.store.catalog().delete(gone.id());
    office.store.catalog().delete(edited.id());
    assertThat(office.sync().ok()).isTrue();

    // Two days on, the server forgets those tombstones.
    serverClock.advance(Duration.ofDays(2));
    assertThat(server.purger().purge()).isGreaterThanOrEqualTo(2);

    CycleResult r = away.sync();
    assertThat(r.outcome()).isEqualTo("ok");
    assertThat(away.store.catalog().get(gone.id())).isEmpty();
    // The edit was still queued when the re-pull ran, so it was kept for the server to judge; the
    // server refuses an edit of a deleted item, and the user sees it in the failed list.
    assertThat(away.store.sync().failed())
        .anySatisfy(m -> assertThat(m.entityId()).isEqualTo(edited.id()));
    assertThat(away.store.catalog().get(local.id()).orElseThrow().syncStatus())
        .isEqualTo(SyncStatus.SYNCED);
    assertThat(away.store.sync().repullUnderWay(io.stockroom.domain.EntityType.ITEMS)).isFalse();
    assertThat(office.sync().ok()).isTrue();
    // Same catalogue, but for the item whose refused edit still waits for the user's decision.
    assertThat(away.store.catalog().count("")).isEqualTo(office.store.catalog().count("") + 1);

    // Discarding that edit takes the laptop back to the server's state: the item is gone there.
    away.store.sync().discard(away.store.sync().failed().get(0).id());
    assertThat(away.sync().ok()).isTrue();
    assertThat(away.store.catalog().get(edited.id())).isEmpty();
    assertThat(away.store.catalog().count("")).isEqualTo(office.store.catalog().count(""));
  }
}
