package io.stockroom.domain;

/**
 * Input a user or a script gave that the warehouse rules refuse. The message is written for the
 * person at the scanner; {@link #field()} names the input it is about, for the UI to point at.
 */
public final class ValidationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public ValidationException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
