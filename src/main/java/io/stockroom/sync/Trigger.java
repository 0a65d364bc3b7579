package io.stockroom.sync;

/** Why a cycle ran. Manual, connectivity and retry triggers do not wait out a backoff. */
public enum Trigger {
  INTERVAL(false),
  LOCAL_WRITE(false),
  LIVE(false),
  CONNECTIVITY(true),
  RETRY(true),
  MANUAL(true),
  STARTUP(true);

  private final boolean bypassesBackoff;

  Trigger(boolean bypassesBackoff) {
    this.bypassesBackoff = bypassesBackoff;
  }

  public boolean bypassesBackoff() {
    return bypassesBackoff;
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
