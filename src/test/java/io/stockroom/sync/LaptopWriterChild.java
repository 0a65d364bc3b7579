package io.stockroom.sync;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.store.LocalStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * A laptop in its own JVM that records receipts as fast as it can, the way the app does, and prints
 * {@code WROTE <reference>} the moment each write returns: what the screen would show as done. A
 * test kills it with SIGKILL right after such a line.
 *
 * <p>Arguments: profile folder, item id, location code, reference prefix.
 */
public final class LaptopWriterChild {

  static final String WROTE = "WROTE ";

  private LaptopWriterChild() {}

  public static void main(String[] args) {
    Path profile = Path.of(args[0]);
    UUID item = UUID.fromString(args[1]);
    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure())) {
      System.out.println("READY");
      System.out.flush();
      for (int n = 0; ; n++) {
        String reference = args[3] + n;
        store
            .stock()
            .record(
                new MovementRequest(
                    item, MovementReason.RECEIVE, null, args[2], BigDecimal.ONE, reference));
        System.out.println(WROTE + reference);
        System.out.flush();
      }
    }
  }
}
