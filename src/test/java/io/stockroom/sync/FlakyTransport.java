package io.stockroom.sync;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** A transport whose next exchanges fail in scripted ways: for one-off scenario tests. */
final class FlakyTransport implements Transport {

  enum Fault {
    /** Fails before the request leaves: the server never sees it. */
    DROP_REQUEST,
    /** Delivers the request, then loses the response. */
    DROP_RESPONSE,
    /** Answers 410 cursor_expired without asking the server. */
    GONE,
    /** Answers 503 without asking the server. */
    UNAVAILABLE
  }

  private final Transport inner;
  private final Deque<Fault> script = new ArrayDeque<>();
  private String onlyPathPrefix = "";
  int calls;

  FlakyTransport(Transport inner) {
    this.inner = inner;
  }

  synchronized FlakyTransport next(String pathPrefix, Fault... faults) {
    onlyPathPrefix = pathPrefix;
    for (Fault f : faults) {
      script.add(f);
    }
    return this;
  }

  @Override
  public Response send(Request request) throws IOException {
    Fault fault = null;
    synchronized (this) {
      calls++;
      if (!script.isEmpty() && request.path().startsWith(onlyPathPrefix)) {
        fault = script.poll();
      }
    }
    if (fault == null) {
      return inner.send(request);
    }
    switch (fault) {
      case DROP_REQUEST -> throw new IOException("connection reset (before sending)");
      case DROP_RESPONSE -> {
        inner.send(request);
        throw new IOException("connection reset (response lost)");
      }
      case GONE -> {
        return new Response(
            410,
            java.util.Map.of("content-type", "application/json"),
            "{\"error\":{\"code\":\"cursor_expired\",\"message\":\"too old\"}}".getBytes());
      }
      default -> {
        return new Response(
            503,
            java.util.Map.of("Retry-After", "1"),
            "{\"error\":{\"code\":\"unavailable\",\"message\":\"busy\"}}".getBytes());
      }
    }
  }
}
