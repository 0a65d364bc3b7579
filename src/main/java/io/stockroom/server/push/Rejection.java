package io.stockroom.server.push;

/**
 * A mutation the server refuses: it becomes a {@code rejected} result with this code, and its
 * savepoint rolls back alone.
 */
public final class Rejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public Rejection(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public static Rejection invalid(String message) {
    return new Rejection("validation_failed", message);
  }

  public String code() {
    return code;
  }
}
