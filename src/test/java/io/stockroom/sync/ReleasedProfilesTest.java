package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.Location;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.SyncConflict;
import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import io.stockroom.store.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Profiles written by every released client schema, each made once by that release's own jar and
 * kept frozen in {@code src/test/resources/released} (its README says how). Today's app opens each:
 * what it held is kept (the item, bin and stock added offline, the changes still queued, the
 * conflict waiting for the user), and the queue drains against the server it synced with, itself
 * upgraded by today's server from that release's store. The first release had no sync server; its
 * laptop signs in to a new one.
 */
class ReleasedProfilesTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static InputStream resource(String path) {
    return ReleasedProfilesTest.class.getResourceAsStream("/released/" + path);
  }

  static void copy(String path, Path to) throws IOException {
    try (InputStream in = resource(path)) {
      Files.createDirectories(to.getParent());
      Files.copy(in, to);
    }
  }

  static List<String> ids(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "v2", "v3", "v4", "v5", "v6", "v7"})
  void aProfileOfEveryReleaseKeepsWhatItHeldAndItsQueueDrains(String v) throws Exception {
    Path profile = tmp.resolve("laptop");
    copy(v + "/laptop.mv.db", profile.resolve("stockroom.mv.db"));
    JsonNode queued;
    try (InputStream in = resource(v + "/queue.json")) {
      queued = JSON.readTree(in);
    }
    JsonNode conflicts = JSON.createArrayNode();
    boolean synced = resource(v + "/server.mv.db") != null;
    if (synced) {
      try (InputStream in = resource(v + "/conflicts.json")) {
        conflicts = JSON.readTree(in);
      }
      copy(v + "/server.mv.db", tmp.resolve("server").resolve("stockroom-server.mv.db"));
    }
    StockroomServer server =
        StockroomServer.open(
                ServerConfig.h2(tmp.resolve("server"), 0).withPasswordIterations(1_000))
            .start();
    try {
      if (!synced) {
        server.seeder().seed(3);
      }
      try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure())) {
        Item offline = store.catalog().findBySku("OFFLINE-" + v).orElseThrow();
        assertThat(offline.name()).isEqualTo("Added offline in " + v);
        // Found by a later word of its name while the word index loads (the search reads the
        // names) and after (decision record 0052).
        assertThat(store.catalog().search("offline", 0, 10))
            .extracting(Item::id)
            .contains(offline.id());
        while (store.sync().wordIndexLoading()) {
          Thread.yield(); // the condition itself: the background load clears it
        }
        assertThat(store.catalog().search("offline", 0, 10))
            .extracting(Item::id)
            .contains(offline.id());
        assertThat(store.catalog().search("renamed", 0, 10)).hasSize(synced ? 1 : 0);
        Location bin = store.locations().findByCode("BIN-" + v).orElseThrow();
        assertThat(store.stock().onHand(offline.id(), bin.id())).isEqualByComparingTo("5");
        assertThat(store.outbox().open())
            .extracting(m -> m.entityId().toString())
            .containsExactlyElementsOf(ids(queued, "entity_id"));
        List<String> waiting = ids(conflicts, "entity_id");
        assertThat(store.conflictInbox().list(false))
            .extracting(c -> c.entityId().toString())
            .containsExactlyElementsOf(waiting);

        try (SyncAgent agent =
            new SyncAgent(store, Clock.systemUTC(), SyncAgent.Options.defaults().withLive(false))) {
          agent.signIn(server.url(), "demo", "demo");
          CycleResult r = agent.runOnce();
          assertThat(r.outcome()).as(r.toString()).isEqualTo("ok");
          assertThat(r.accepted()).isEqualTo(queued.size());
        }
        assertThat(store.outbox().open()).extracting(QueuedMutation::entityId).isEmpty();
        assertThat(store.sync().failed()).isEmpty();
        assertThat(store.catalog().findBySku("OFFLINE-" + v).orElseThrow().serverVersion())
            .isNotNull();
        assertThat(store.conflictInbox().list(false))
            .extracting(SyncConflict::entityId)
            .extracting(Object::toString)
            .containsExactlyElementsOf(waiting);
      }
    } finally {
      server.close();
    }
  }
}
