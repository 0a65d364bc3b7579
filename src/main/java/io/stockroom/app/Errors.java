package io.stockroom.app;

import io.stockroom.domain.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failure of a background call into one line for the person at the screen. */
public final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  public static String message(Throwable error) {
    Throwable e = error;
    while (!(e instanceof ValidationException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ValidationException) {
      return e.getMessage();
    }
    LOG.error("Unexpected failure", error);
    String detail = error.getMessage();
    return "Something went wrong: " + (detail == null ? error.getClass().getSimpleName() : detail);
  }
}
