package io.stockroom.sync;

import java.time.Duration;

/** Why an exchange with the server did not give a usable answer, sorted by what to do next. */
public final class SyncException extends Exception {

  private static final long serialVersionUID = 1L;

  public enum Kind {
    /** No route, timeout, reset, 5xx, 429: retry later with backoff. */
    TRANSIENT,
    /** 410: the cursor is older than the tombstone horizon; pull the entity from scratch. */
    CURSOR_EXPIRED,
    /** 401: no valid token; sign in again. */
    UNAUTHORIZED,
    /** Any other 4xx: the request itself is refused; retrying it unchanged cannot help. */
    REJECTED,
    /**
     * A 200 whose body breaks the protocol (no result per mutation, a cursor that does not move
     * on): the cycle ends in an error and the queue stays as it was, every mutation still due.
     */
    PROTOCOL,
    /** The user stopped the cycle; every page and result applied so far stays. */
    CANCELLED
  }

  private final Kind kind;
  private final int status;
  private final String code;
  private final transient Duration retryAfter;

  public SyncException(Kind kind, int status, String code, String message, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public static SyncException network(Throwable cause) {
    SyncException e =
        new SyncException(Kind.TRANSIENT, 0, "network", "network: " + plainly(cause), null);
    e.initCause(cause);
    return e;
  }

  /** What went wrong on the way, in words rather than an exception's class name. */
  private static String plainly(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host " + (t.getMessage() == null ? "" : t.getMessage());
      }
      if (t instanceof java.net.ConnectException) {
        return "the server does not answer (connection refused or unreachable)";
      }
      if (t instanceof java.net.SocketTimeoutException) { // HttpTransport's timeouts too
        return "timed out" + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
      }
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The server's Retry-After, when it gave one. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
