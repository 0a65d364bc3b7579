package io.stockroom.domain;

import java.util.Locale;

/** Life of an outbox row: pending -> in_flight -> completed, or failed after max retries. */
public enum MutationStatus {
  PENDING,
  IN_FLIGHT,
  FAILED,
  COMPLETED;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MutationStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
