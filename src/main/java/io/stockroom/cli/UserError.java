package io.stockroom.cli;

/** An error a command reports as one line on stderr, with its exit code (2: bad input). */
final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final int BAD_INPUT = 2;

  private final int exitCode;

  UserError(String message) {
    this(message, BAD_INPUT);
  }

  UserError(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
