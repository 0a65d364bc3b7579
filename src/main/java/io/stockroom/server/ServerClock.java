package io.stockroom.server;

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

  public Hlc peek() {
    return hlc.peek();
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
