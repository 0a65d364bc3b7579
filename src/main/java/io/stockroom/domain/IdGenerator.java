package io.stockroom.domain;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/**
 * The one source of randomness for ids and idempotency keys, so a test or a simulation can make
 * every id from a seed and replay a run exactly.
 */
@FunctionalInterface
public interface IdGenerator {

  UUID next();

  /** Random (version 4) UUIDs from a secure source; what the product uses. */
  static IdGenerator secure() {
    SecureRandom random = new SecureRandom();
    return () -> fromRandom(random);
  }

  /** Repeatable version 4 UUIDs from a seed. */
  static IdGenerator seeded(long seed) {
    Random random = new Random(seed);
    return () -> {
      synchronized (random) {
        return fromRandom(random);
      }
    };
  }

  private static UUID fromRandom(Random random) {
    long msb = random.nextLong();
    long lsb = random.nextLong();
    msb = (msb & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L; // version 4
    lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb);
  }
}
