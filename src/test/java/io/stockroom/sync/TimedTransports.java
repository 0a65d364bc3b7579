package io.stockroom.sync;

import java.util.List;

/**
 * Times the push requests of a cycle, and the push phase around them: from the answer of the last
 * pull before the first push (the claim starts then) to the next pull request after the last push
 * (the answers are marked by then).
 */
final class TimedTransports {

  private final List<Long> pushNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long lastPullAnswer;
  private volatile long phaseStart;
  private volatile long phaseEnd;
  private volatile boolean pushing;

  void reset() {
    pushNanos.clear();
    phaseStart = 0;
    phaseEnd = 0;
    pushing = false;
  }

  Transport wrap(Transport inner) {
    return request -> {
      boolean push = request.path().startsWith("/api/sync/push");
      boolean pull = request.path().startsWith("/api/sync/pull");
      long t = System.nanoTime();
      if (push && !pushing) {
        pushing = true;
        phaseStart = lastPullAnswer;
      } else if (pull && pushing) {
        pushing = false;
        phaseEnd = t;
      }
      try {
        return inner.send(request);
      } finally {
        long end = System.nanoTime();
        if (push) {
          pushNanos.add(end - t);
        } else if (pull) {
          lastPullAnswer = end;
        }
      }
    };
  }

  long pushPhaseMillis() {
    return (phaseEnd - phaseStart) / 1_000_000;
  }

  long pushRequestMillis() {
    return pushNanos.stream().mapToLong(Long::longValue).sum() / 1_000_000;
  }

  int pushRequests() {
    return pushNanos.size();
  }

  List<Long> pushRequestList() {
    return pushNanos.stream().map(n -> n / 1_000_000).toList();
  }
}
