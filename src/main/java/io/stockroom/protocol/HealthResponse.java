package io.stockroom.protocol;

public record HealthResponse(String status, int syncVersion) {

  public static HealthResponse ok() {
    return new HealthResponse("ok", SyncHeaders.SYNC_VERSION);
  }
}
