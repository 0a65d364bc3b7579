package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ServerRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local half of a first sync alone: 100 pulled pages of 1,000 items applied into a fresh
 * profile, with no server and no network, then the search words written after it (decision records
 * 0029 and 0032). Run on demand: {@code mvn -B test -Dtest=PageApplyBenchmarkTest
 * -Dstockroom.bench=true}. Figures in docs/benchmarks/sync.md.
 */
@EnabledIfSystemProperty(named = "stockroom.bench", matches = "true")
class PageApplyBenchmarkTest {

  private static final String[] NAMES = {
    "Hex bolt", "Wood screw", "Cable tie", "Hose clamp", "Work glove", "Drill bit", "Fuse", "Pipe"
  };

  @TempDir Path tmp;

  @Test
  void applyHundredPagesIntoAFreshProfile() {
    List<List<ServerRecord>> pages = pages(100, 1000);
    // The first round runs in a fresh JVM (as a laptop's first sync does), the second warm.
    for (int round = 1; round <= 2; round++) {
      try (LocalStore store =
          LocalStore.open(tmp.resolve("p" + round), Clock.systemUTC(), IdGenerator.secure())) {
        long t0 = System.nanoTime();
        for (int p = 0; p < pages.size(); p++) {
          store.sync().applyPage(EntityType.ITEMS, pages.get(p), List.of(), "c" + p, true);
        }
        long applyMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        store.wordIndex().loadNow();
        long wordsMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat(store.catalog().count("bolt")).isEqualTo(12_500);
        System.out.printf(
            "BENCH page apply round %d: 100 pages of 1000 items in %d ms, word index read from"
                + " the names in %d ms%n",
            round, applyMs, wordsMs);
      }
    }
  }

  /** Items shaped like the server's seeded catalog (Seeder), with its field stamps. */
  private static List<List<ServerRecord>> pages(int count, int size) {
    Random rnd = new Random(1);
    Instant at = Instant.parse("2026-11-25T10:00:00Z");
    Map<String, String> clock = new LinkedHashMap<>();
    for (String f : List.of("sku", "barcode", "name", "unit", "category", "reorder_point")) {
      clock.put(f, "2026-11-25T10:00:00.000Z-0000-server00");
    }
    List<List<ServerRecord>> pages = new ArrayList<>(count);
    int n = 0;
    for (int p = 0; p < count; p++) {
      List<ServerRecord> page = new ArrayList<>(size);
      for (int i = 0; i < size; i++, n++) {
        page.add(
            new ServerRecord.Item(
                new UUID(rnd.nextLong(), rnd.nextLong()),
                n + 1,
                at,
                at,
                String.format(Locale.ROOT, "SKU-%06d", n + 1),
                String.format(Locale.ROOT, "20%011d", n + 1),
                NAMES[n % NAMES.length] + " " + (n / NAMES.length + 1),
                null,
                "ea",
                "Fasteners",
                n % 7 == 0 ? 10 : 0,
                clock));
      }
      pages.add(page);
    }
    return pages;
  }
}
