package io.stockroom.domain;

import java.util.Objects;

/**
 * A hybrid logical clock timestamp: wall-clock milliseconds, a counter that orders events within
 * one millisecond, and the node that made it (the tie-breaker, so two stamps are never equal unless
 * they are the same stamp).
 *
 * <p>The text form is fixed-width hex, {@code 0000018f2c3a1b2c-0001-node}, so stamps sort the same
 * as text and as values.
 */
public record Hlc(long wallMillis, int counter, String node) implements Comparable<Hlc> {

  public static final int MAX_COUNTER = 0xFFFF;

  public Hlc {
    if (wallMillis < 0) {
      throw new IllegalArgumentException("wallMillis must not be negative");
    }
    if (counter < 0 || counter > MAX_COUNTER) {
      throw new IllegalArgumentException("counter out of range: " + counter);
    }
    Objects.requireNonNull(node, "node");
    if (node.isEmpty() || node.indexOf('-') >= 0) {
      throw new IllegalArgumentException("node must be non-empty and free of '-': " + node);
    }
  }

  public static Hlc parse(String text) {
    Objects.requireNonNull(text, "text");
    int first = text.indexOf('-');
    int second = first < 0 ? -1 : text.indexOf('-', first + 1);
    if (first != 16 || second != 21) {
      throw new IllegalArgumentException("not an HLC timestamp: " + text);
    }
    try {
      long wall = Long.parseUnsignedLong(text.substring(0, first), 16);
      int counter = Integer.parseInt(text.substring(first + 1, second), 16);
      return new Hlc(wall, counter, text.substring(second + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an HLC timestamp: " + text, e);
    }
  }

  @Override
  public int compareTo(Hlc other) {
    int c = Long.compare(wallMillis, other.wallMillis);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(counter, other.counter);
    return c != 0 ? c : node.compareTo(other.node);
  }

  public boolean isAfter(Hlc other) {
    return compareTo(other) > 0;
  }

  public static Hlc max(Hlc a, Hlc b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public String toString() {
    return String.format("%016x-%04x-%s", wallMillis, counter, node);
  }
}
