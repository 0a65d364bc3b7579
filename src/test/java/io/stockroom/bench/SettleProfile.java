package io.stockroom.bench;

import io.stockroom.domain.IdGenerator;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Opens a profile as the app does, lets what it does in the background after a first sync finish
 * (since client schema v7, reading the word index, decision record 0052; before it, writing the
 * search words a first sync left owed, decision record 0032), and closes it cleanly: the profile as
 * it is once the app has run a while after its first sync, whose size the side-by-side benchmark
 * reports.
 *
 * <p>{@code java -cp target/stockroom.jar:target/test-classes io.stockroom.bench.SettleProfile DIR}
 */
public final class SettleProfile {

  private SettleProfile() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: SettleProfile DIR");
      System.exit(2);
    }
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    long start = System.nanoTime();
    long deadline = start + Duration.ofMinutes(5).toNanos();
    try (LocalStore store =
        LocalStore.open(Path.of(args[0]), Clock.systemUTC(), IdGenerator.secure())) {
      // The background work says nothing when done; asked every 50 ms.
      while (store.sync().wordsOwed()) {
        if (System.nanoTime() > deadline) {
          System.err.println("search words still owed after 5 minutes");
          System.exit(1);
        }
        Thread.sleep(50);
      }
    }
    System.out.printf("settled %s in %d ms%n", args[0], (System.nanoTime() - start) / 1_000_000);
  }
}
