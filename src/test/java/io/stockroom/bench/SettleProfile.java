package io.stockroom.bench;

import io.stockroom.domain.IdGenerator;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens a profile as the app does and closes it cleanly (with the compaction of every close): the
 * profile as it is once the app has run after its first sync, whose size the side-by-side benchmark
 * reports. Before client schema v7 the app wrote the search words a first sync left owed in the
 * seconds after it (decision record 0032); since v7 the words are held in memory (0052), so an open
 * and a close are all that is left to settle.
 *
 * <p>{@code java -cp target/stockroom.jar:target/test-classes io.stockroom.bench.SettleProfile DIR}
 */
public final class SettleProfile {

  private SettleProfile() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: SettleProfile DIR");
      System.exit(2);
    }
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    long start = System.nanoTime();
    try (LocalStore store =
        LocalStore.open(Path.of(args[0]), Clock.systemUTC(), IdGenerator.secure())) {
      store.catalog().count("");
    }
    System.out.printf("settled %s in %d ms%n", args[0], (System.nanoTime() - start) / 1_000_000);
  }
}
