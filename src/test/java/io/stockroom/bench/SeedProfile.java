package io.stockroom.bench;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/**
 * Fills a profile with N synced items (the same generated catalog as {@link LocalBench}) and closes
 * it cleanly, for the cold-start benchmark and the installer smoke run.
 *
 * <p>{@code java -cp target/stockroom.jar io.stockroom.bench.SeedProfile DIR [N]} (default 100,000)
 */
public final class SeedProfile {

  private SeedProfile() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: SeedProfile DIR [ITEMS]");
      System.exit(2);
    }
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    Path dir = Path.of(args[0]);
    int size = args.length == 2 ? Integer.parseInt(args[1]) : 100_000;
    long start = System.nanoTime();
    List<ItemDraft> drafts = LocalBench.drafts(size, new Random(42));
    try (LocalStore store = LocalStore.open(dir, Clock.systemUTC(), IdGenerator.seeded(size))) {
      if (store.catalog().count("") > 0) {
        System.err.println("profile " + dir + " already has items; left as it is");
        System.exit(1);
      }
      store.bulkLoader().importItems(drafts, 1);
    }
    System.out.printf(
        "seeded %,d items into %s in %d ms%n", size, dir, (System.nanoTime() - start) / 1_000_000);
  }
}
