package io.stockroom.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;

/**
 * A desktop launch's store, opened on its own thread while JavaFX starts its toolkit: the two take
 * 0.7-1 s and 1.5-2.5 s of a cold start here and need nothing from each other
 * (docs/benchmarks/cold-start.md). {@link StockroomApp#init} takes it; a launch that ends before
 * that (the toolkit could not start) closes it in {@link #discard}.
 */
final class EarlyStore {

  private static EarlyStore pending;

  private final Path profile;
  private final CompletableFuture<StoreOpener.OpenStore> opening = new CompletableFuture<>();

  private EarlyStore(Path profile) {
    this.profile = profile;
  }

  /** Starts opening {@code config}'s profile with {@code opener} on a thread of its own. */
  static synchronized void start(AppConfig config, StoreOpener opener) {
    discard();
    EarlyStore early = new EarlyStore(key(config.profileDir()));
    Thread t =
        new Thread(
            () -> {
              try {
                early.opening.complete(opener.open(config));
              } catch (Throwable e) {
                early.opening.completeExceptionally(e);
              }
            },
            "stockroom-open");
    t.setDaemon(true);
    t.start();
    pending = early;
  }

  /**
   * The store started for {@code profile}, once it is open, or empty when none was started for it
   * (the caller opens one itself). Rethrows what opening it threw.
   */
  static Optional<StoreOpener.OpenStore> take(Path profile) throws Exception {
    EarlyStore early;
    synchronized (EarlyStore.class) {
      early = pending;
      if (early == null || !early.profile.equals(key(profile))) {
        return Optional.empty();
      }
      pending = null;
    }
    try {
      return Optional.of(early.opening.join());
    } catch (CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      } else if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Closes a store that was started and not taken (the app never got to its init). */
  static synchronized void discard() {
    EarlyStore early = pending;
    pending = null;
    if (early == null) {
      return;
    }
    try {
      early.opening.join().closer().close();
    } catch (Exception e) {
      // It failed to open (nothing to close) or to close; the launch's own error says more.
      LoggerFactory.getLogger(EarlyStore.class).debug("closing a store the app did not take", e);
    }
  }

  private static Path key(Path profile) {
    return profile.toAbsolutePath().normalize();
  }
}
