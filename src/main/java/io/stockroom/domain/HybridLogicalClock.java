package io.stockroom.domain;

import java.time.Clock;
import java.util.Objects;

/**
 * Hybrid logical clock (Kulkarni et al.): stamps never go backwards even when the wall clock does,
 * and a stamp received from another node moves this clock past it. The wall clock is injected so
 * tests can make it jump.
 */
public final class HybridLogicalClock {

  private final Clock wall;
  private final String node;
  private long lastWall;
  private int lastCounter;

  public HybridLogicalClock(Clock wall, String node) {
    this(wall, node, null);
  }

  /** Starts after {@code persisted}, the last stamp this node issued before a restart. */
  public HybridLogicalClock(Clock wall, String node, Hlc persisted) {
    this.wall = Objects.requireNonNull(wall, "wall");
    this.node = Objects.requireNonNull(node, "node");
    if (persisted != null) {
      lastWall = persisted.wallMillis();
      lastCounter = persisted.counter();
    }
  }

  public String node() {
    return node;
  }

  /** A new stamp for a local event. */
  public synchronized Hlc now() {
    long physical = wall.millis();
    if (physical > lastWall) {
      lastWall = physical;
      lastCounter = 0;
    } else {
      bumpCounter();
    }
    return current();
  }

  /** Merges a stamp seen from another node; the next local stamp sorts after it. */
  public synchronized Hlc receive(Hlc remote) {
    Objects.requireNonNull(remote, "remote");
    long physical = wall.millis();
    long newWall = Math.max(physical, Math.max(lastWall, remote.wallMillis()));
    if (newWall == lastWall && newWall == remote.wallMillis()) {
      lastCounter = Math.max(lastCounter, remote.counter());
      bumpCounter();
    } else if (newWall == lastWall) {
      bumpCounter();
    } else if (newWall == remote.wallMillis()) {
      lastWall = newWall;
      lastCounter = remote.counter();
      bumpCounter();
    } else {
      lastWall = newWall;
      lastCounter = 0;
    }
    return current();
  }

  /** The last stamp issued (or received), without advancing. */
  public synchronized Hlc peek() {
    return current();
  }

  private void bumpCounter() {
    if (lastCounter == Hlc.MAX_COUNTER) {
      // More than 65,535 events in one millisecond: borrow the next millisecond.
      lastWall++;
      lastCounter = 0;
    } else {
      lastCounter++;
    }
  }

  private Hlc current() {
    return new Hlc(lastWall, lastCounter, node);
  }
}
