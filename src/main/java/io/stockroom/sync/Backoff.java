package io.stockroom.sync;

import java.time.Duration;
import java.util.Random;

/**
 * Retry delays: {@code min(2^(n-1), 60)} seconds for the n-th consecutive failure, with jitter (a
 * random 50-100% of that), so laptops that lost the network together do not return together. The
 * random source is seeded by the caller, which makes simulations repeatable.
 */
public final class Backoff {

  private final Random random;
  private final Duration cap;

  public Backoff(long seed) {
    this(seed, Duration.ofSeconds(60));
  }

  public Backoff(long seed, Duration cap) {
    this.random = new Random(seed);
    this.cap = cap;
  }

  /** The base delay of the n-th failure (n >= 1), before jitter. */
  public Duration base(int n) {
    int exp = Math.max(0, Math.min(n, 31) - 1);
    long seconds = Math.min(1L << Math.min(exp, 20), cap.toSeconds());
    return Duration.ofSeconds(seconds);
  }

  /** The delay before retry after the n-th consecutive failure, jittered. */
  public synchronized Duration delay(int n) {
    long ms = base(n).toMillis();
    return Duration.ofMillis(ms / 2 + (long) (random.nextDouble() * (ms / 2.0)));
  }

  /** The delay, but never shorter than what the server asked for in Retry-After. */
  public Duration delay(int n, Duration retryAfter) {
    Duration d = delay(n);
    return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
  }
}
