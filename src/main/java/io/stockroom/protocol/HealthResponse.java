package io.stockroom.protocol;

public record HealthResponse(String status, int syncVersion) {

  public static HealthResponse ok() {
    return new HealthResponse("ok", SyncHeaders.SYNC_VERSION);
  }

  /** A part the server needs (the writer) has stopped: PROTOCOL.md's {@code 503 failing}. */
  public static HealthResponse failing() {
    return new HealthResponse("failing", SyncHeaders.SYNC_VERSION);
  }
}
