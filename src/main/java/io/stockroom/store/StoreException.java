package io.stockroom.store;

import io.stockroom.domain.PlainFailure;

/**
 * The local database could not be opened or used (not a user mistake: those are {@link
 * io.stockroom.domain.ValidationException}). Callers show the message and stop.
 */
public class StoreException extends RuntimeException implements PlainFailure {

  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
