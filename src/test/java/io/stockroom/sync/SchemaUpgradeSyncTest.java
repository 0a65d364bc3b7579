package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.SyncStatus;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import io.stockroom.store.OldProfiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "schema upgrade with pending mutations" scenario: a laptop still on the first release has
 * work queued offline; the new release migrates its profile on first start and then syncs that
 * queue as if nothing happened, under the keys the old release gave it.
 */
class SchemaUpgradeSyncTest {

  @TempDir Path tmp;

  @Test
  void workQueuedByTheFirstReleaseSyncsAfterTheUpgrade() throws Exception {
    Path profile = tmp.resolve("laptop");
    OldProfiles.writeV1(profile);

    try (TestServer server = TestServer.start(tmp.resolve("server"));
        LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.seeded(5));
        SyncAgent agent =
            new SyncAgent(
                store,
                Clock.systemUTC(),
                SyncAgent.Options.defaults()
                    .withTimers(Duration.ZERO, Duration.ofMillis(50))
                    .withLive(false))) {
      assertThat(store.liquibaseRan()).isTrue();
      assertThat(store.outbox().pendingCount()).isEqualTo(1);
      // The upgraded profile keeps working offline, next to the old queue.
      store.catalog().create(ItemDraft.of("NUT-M8", "Hex nut M8"));

      agent.signIn(server.url(), "demo", "demo");
      CycleResult r = agent.runOnce();

      assertThat(r.ok()).isTrue();
      assertThat(r.accepted()).isEqualTo(2);
      assertThat(store.outbox().open()).isEmpty();
      assertThat(store.catalog().get(OldProfiles.V1_ITEM).orElseThrow().syncStatus())
          .isEqualTo(SyncStatus.SYNCED);
      String token = server.login("demo", "demo");
      JsonNode items = server.get("/api/sync/pull?entity=items&limit=1000", token).json();
      assertThat(TestServer.stream(items.get("records")))
          .filteredOn(i -> i.get("id").asText().equals(OldProfiles.V1_ITEM.toString()))
          .singleElement()
          .satisfies(
              i -> {
                assertThat(i.get("sku").asText()).isEqualTo("BOLT-M8");
                assertThat(i.get("name").asText()).isEqualTo("Hex bolt M8");
              });
      assertThat(TestServer.stream(items.get("records")))
          .anySatisfy(i -> assertThat(i.get("sku").asText()).isEqualTo("NUT-M8"));

      // The key the old release gave the create was the one sent: replaying it changes nothing.
      long before = server.lastVersion();
      var replay =
          TestServer.mutation(
              "items", "create", OldProfiles.V1_ITEM, TestServer.item("BOLT-M8", "Other name"));
      replay.put("idempotency_key", OldProfiles.V1_KEY.toString());
      JsonNode result = server.push(token, replay).get(0);
      assertThat(result.get("status").asText()).isEqualTo("accepted");
      assertThat(result.get("record").get("name").asText()).isEqualTo("Hex bolt M8");
      assertThat(server.lastVersion()).isEqualTo(before);
    }
  }
}
