package io.stockroom.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps on the wire: ISO-8601 UTC with milliseconds, {@code 2026-04-09T10:00:00.000Z}. */
public final class WireTime {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private WireTime() {}

  public static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }

  /** Parses any ISO-8601 instant (with or without fraction); the result is cut to milliseconds. */
  public static Instant parse(String text) {
    return Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
  }
}
