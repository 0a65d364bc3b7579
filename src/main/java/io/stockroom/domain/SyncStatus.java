package io.stockroom.domain;

/** Where a local record stands with the server. */
public enum SyncStatus {
  SYNCED,
  PENDING,
  CONFLICT,
  ERROR;

  public String dbValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static SyncStatus fromDb(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
