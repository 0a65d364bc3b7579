package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.EntityType;
import io.stockroom.server.TestServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long first sync can be stopped: what arrived stays (each page is committed with its cursor),
 * and the next sync goes on from there instead of starting over.
 */
class CancelSyncTest {

  @TempDir Path tmp;

  @Test
  void aStoppedFirstSyncKeepsItsPagesAndResumes() throws Exception {
    try (TestServer server = TestServer.start(tmp.resolve("server"), 2_500);
        Laptop laptop = Laptop.at(tmp.resolve("laptop")).signIn(server, "demo")) {
      SyncScheduler scheduler = laptop.agent.scheduler();
      scheduler.addListener(
          s -> {
            if (s.pulledThisCycle() >= SyncEngine.PAGE) {
              laptop.agent.cancel(); // on the agent's thread, as the Stop button's call lands
            }
          });

      CycleResult stopped = laptop.agent.syncNow().get(60, TimeUnit.SECONDS);

      assertThat(stopped.outcome()).isEqualTo("cancelled");
      int kept = laptop.store.catalog().count("");
      assertThat(kept).isGreaterThanOrEqualTo(SyncEngine.PAGE).isLessThan(2_500);
      assertThat(laptop.store.sync().cursor(EntityType.ITEMS)).isPresent();
      assertThat(scheduler.status().state()).isEqualTo(SyncStatus.State.ONLINE);
      assertThat(scheduler.status().lastSync()).isNull(); // a stopped cycle is not a sync

      CycleResult rest = laptop.sync();
      assertThat(rest.ok()).isTrue();
      assertThat(laptop.store.catalog().count("")).isEqualTo(2_500);
      // Nothing came over twice: the two cycles together pulled what one whole first sync does.
      try (Laptop fresh = Laptop.at(tmp.resolve("fresh")).signIn(server, "demo")) {
        CycleResult whole = fresh.sync();
        assertThat(whole.ok()).isTrue();
        assertThat(stopped.pulled() + rest.pulled()).isEqualTo(whole.pulled());
      }
    }
  }
}
