package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.ITEM_NOTES;
import static io.stockroom.store.jooq.Tables.LOCAL_SETTINGS;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.testing.TestClock;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real store in a temporary profile, a settable clock and seeded ids. */
abstract class StoreTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path profile;

  TestClock clock = TestClock.at("2026-04-09T10:00:00Z");
  LocalStore store;

  @BeforeEach
  void openStore() {
    store = LocalStore.open(profile, clock, IdGenerator.seeded(7));
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  LocalStore reopen() {
    store.close();
    store = LocalStore.open(profile, clock, IdGenerator.seeded(8));
    return store;
  }

  /** Row counts of every table a local write touches. */
  Map<String, Integer> rowCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Table<?> t :
        List.of(
            ITEMS,
            ITEM_NOTES,
            LOCATIONS,
            STOCK_MOVEMENTS,
            STOCK_COUNTS,
            MUTATION_QUEUE,
            LOCAL_SETTINGS)) {
      counts.put(t.getName(), store.dsl().fetchCount(t));
    }
    return counts;
  }

  /** Every queued row, completed ones too, oldest first. */
  List<QueuedMutation> queue() {
    return store
        .dsl()
        .selectFrom(MUTATION_QUEUE)
        .orderBy(MUTATION_QUEUE.SEQ)
        .fetch(r -> store.outbox().get(r.getId()));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
