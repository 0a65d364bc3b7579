package io.stockroom.sync;

import java.time.Instant;

/**
 * What one cycle did. {@code outcome}: {@code ok}, {@code offline} (a transient failure; retry
 * later), {@code signed_out} (401 or no server) or {@code error}. {@code notices}: what the cycle
 * did that the user should read, in plain words (a site removed from the laptop, held-back changes
 * queued again).
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
    java.time.Duration retryAfter,
    java.util.List<String> notices) {

  public CycleResult {
    notices = java.util.List.copyOf(notices);
  }

  public boolean ok() {
    return "ok".equals(outcome);
  }

  public boolean transientFailure() {
    return "offline".equals(outcome);
  }
}
