package io.stockroom.server.store;

import io.stockroom.domain.Hlc;
import io.stockroom.domain.HybridLogicalClock;
import java.time.Clock;

/**
 * The server's hybrid logical clock. Every client stamp it sees moves it forward, except a stamp
 * from a wall clock running far ahead: such a stamp is replaced by the server's own, so a laptop
 * whose clock is an hour fast cannot win every last-write-wins decision for that hour.
 */
public final class ServerClock {

  public static final String NODE = "server";
  static final int MAX_NODE_LENGTH = 40;

  private final Clock wall;
  private final HybridLogicalClock hlc;
  private final long maxDriftMillis;

  public ServerClock(Clock wall, long maxDriftMillis) {
    this.wall = wall;
    this.hlc = new HybridLogicalClock(wall, NODE);
    this.maxDriftMillis = maxDriftMillis;
  }

  public Hlc now() {
    return hlc.now();
  }

  /**
   * Accepts a client's stamp: merges it into this clock and returns the stamp to store, which is
   * the client's own or, if its wall time runs more than the allowed drift ahead, a fresh server
   * stamp.
   */
  public Hlc accept(Hlc remote) {
    if (remote.wallMillis() > wall.millis() + maxDriftMillis) {
      return hlc.now();
    }
    hlc.receive(remote);
    return remote;
  }

  /** The text form of {@link Hlc#toString()}, built without {@code String.format} (hot path). */
  public static String format(Hlc h) {
    char[] c = new char[22 + h.node().length()];
    hex(c, 0, h.wallMillis(), 16);
    c[16] = '-';
    hex(c, 17, h.counter(), 4);
    c[21] = '-';
    h.node().getChars(0, h.node().length(), c, 22);
    return new String(c);
  }

  private static void hex(char[] c, int at, long value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = Character.forDigit((int) (value & 0xF), 16);
      value >>>= 4;
    }
  }

  /** Parses a client's stamp; {@code null} when it is not one this server stores. */
  public static Hlc parseOrNull(String text) {
    if (text == null || text.length() > 22 + MAX_NODE_LENGTH) {
      return null;
    }
    try {
      Hlc h = Hlc.parse(text);
      for (int i = 0; i < h.node().length(); i++) {
        char c = h.node().charAt(i);
        if (c < 0x21 || c > 0x7e) {
          return null;
        }
      }
      return h;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
