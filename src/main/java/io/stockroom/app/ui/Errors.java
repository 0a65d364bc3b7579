package io.stockroom.app.ui;

import io.stockroom.domain.PlainFailure;
import io.stockroom.domain.ValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure of a background call into what the person at the screen reads: what happened and
 * what to do, in one or two sentences (issue 16). A refusal of the warehouse rules is its own
 * message. Anything else is logged, and its technical text (the exception and its causes) is kept
 * as the message's details, which the error line offers behind "Show details" for support.
 */
public final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  /** What to do, after any unexpected failure. */
  static final String WHAT_TO_DO =
      "Try again. If it happens again, restart Stockroom and send the details to support.";

  /** Details of the latest messages shown; a few suffice, as only messages on screen ask. */
  private static final int KEPT = 32;

  private static final Map<String, String> DETAILS =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > KEPT;
        }
      };

  private static final java.util.concurrent.atomic.AtomicLong FAILURES =
      new java.util.concurrent.atomic.AtomicLong();

  private Errors() {}

  public static String message(Throwable error) {
    Throwable e = error;
    while (!(e instanceof ValidationException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ValidationException) {
      return e.getMessage();
    }
    // A reference makes each message its own (two lines on screen never share details) and lets
    // support find the failure in the log.
    String ref = "E" + FAILURES.incrementAndGet();
    LOG.error("Unexpected failure {}", ref, error);
    String text = whatHappened(error) + " " + WHAT_TO_DO + " (" + ref + ")";
    synchronized (DETAILS) {
      DETAILS.put(text, details(error));
    }
    return text;
  }

  /** The technical text behind a message {@link #message} returned, while it is recent. */
  public static Optional<String> details(String message) {
    if (message == null || message.isEmpty()) {
      return Optional.empty();
    }
    synchronized (DETAILS) {
      return Optional.ofNullable(DETAILS.get(message));
    }
  }

  private static String whatHappened(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof PlainFailure && e.getMessage() != null && !e.getMessage().isBlank()) {
        String m = e.getMessage().strip();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
      }
    }
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof IOException || e instanceof UncheckedIOException) {
        return "Stockroom could not read or write a file on this laptop.";
      }
    }
    return "Something went wrong on this laptop.";
  }

  private static String details(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
