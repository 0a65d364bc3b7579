package io.stockroom.sync;

import java.time.Instant;

/**
 * What one cycle did. {@code outcome}: {@code ok}, {@code offline} (a transient failure; retry
 * later), {@code signed_out} (401 or no server) or {@code error}.
 */
public record CycleResult(
    String outcome,
    Trigger trigger,
    Instant startedAt,
    Instant finishedAt,
    int pulled,
    int pushed,
    int accepted,
    int conflicts,
    int rejected,
    int failed,
    long bytesSent,
    long bytesReceived,
    long millis,
    String error,
    java.time.Duration retryAfter) {

  public boolean ok() {
    return "ok".equals(outcome);
  }

  public boolean transientFailure() {
    return "offline".equals(outcome);
  }
}
