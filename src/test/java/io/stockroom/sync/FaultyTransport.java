package io.stockroom.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, fault-injecting network for simulations. Each exchange may lose its request, lose its
 * response, arrive twice, be delayed, be held up and arrive later (after newer requests, possibly
 * other laptops'), or fall into a disconnected stretch. Nothing sleeps: a delay moves the virtual
 * clock it is given, and a held request is delivered at a later point of the schedule (a later
 * exchange of this network, {@link #deliverHeld()}, or {@link #heal()}). Every decision comes from
 * the seeded random source, and the simulation calls from one thread, so the same seed gives the
 * same faults for the same requests.
 */
final class FaultyTransport implements Transport {

  enum Fault {
    DROP_REQUEST,
    DROP_RESPONSE,
    DUPLICATE,
    DELAY,
    REORDER,
    DISCONNECT
  }

  private static final Fault[] FAULTS = Fault.values();

  private final Transport inner;
  private final Random random;
  private final double faultRate;
  private final MutableClock clock;
  private final List<Request> held = new ArrayList<>();
  private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
  private boolean enabled = true;
  private int disconnectedFor;
  private int deliveredLate;
  private final StringBuilder log = new StringBuilder();

  /**
   * @param clock the virtual time a delay moves forward (the simulation's world clock)
   */
  FaultyTransport(Transport inner, long seed, double faultRate, MutableClock clock) {
    this.inner = inner;
    this.random = new Random(seed);
    this.faultRate = faultRate;
    this.clock = clock;
  }

  /** Starts injecting faults. */
  synchronized void enable() {
    enabled = true;
  }

  /**
   * Stops injecting faults: the network is back and every held request arrives now, in a random
   * order, its answer going nowhere.
   */
  synchronized void heal() {
    enabled = false;
    disconnectedFor = 0;
    while (deliverHeld()) {
      // next
    }
  }

  /** Cuts the network for the next {@code requests} exchanges. */
  synchronized void disconnect(int requests) {
    if (enabled) {
      disconnectedFor = Math.max(disconnectedFor, requests);
    }
  }

  /**
   * Delivers one held request (a random one) to the server; its sender gave up long ago, so the
   * answer is dropped. Returns false when nothing was held.
   */
  synchronized boolean deliverHeld() {
    if (held.isEmpty()) {
      return false;
    }
    Request late = held.remove(random.nextInt(held.size()));
    deliveredLate++;
    log.append('L');
    try {
      inner.send(late);
    } catch (IOException e) {
      // Lost on the way after all.
    }
    return true;
  }

  synchronized int held() {
    return held.size();
  }

  synchronized Map<Fault, Integer> injected() {
    return new EnumMap<>(injected);
  }

  synchronized int deliveredLate() {
    return deliveredLate;
  }

  /**
   * What happened to every exchange so far, one letter each: {@code .} delivered, {@code R} request
   * lost, {@code S} response lost, {@code D} duplicated, {@code W} delayed, {@code H} held up,
   * {@code U} unreachable, {@code X} disconnected, {@code L} a held request delivered.
   */
  synchronized String log() {
    return log.toString();
  }

  @Override
  public synchronized Response send(Request request) throws IOException {
    if (!enabled) {
      return inner.send(request);
    }
    if (disconnectedFor > 0) {
      disconnectedFor--;
      log.append('X');
      throw new IOException("no route to host (disconnected)");
    }
    if (!held.isEmpty() && random.nextInt(4) == 0) {
      deliverHeld(); // an older request arrives just before this one
    }
    if (random.nextDouble() >= faultRate) {
      log.append('.');
      return inner.send(request);
    }
    Fault fault = FAULTS[random.nextInt(FAULTS.length)];
    injected.merge(fault, 1, Integer::sum);
    log.append("RSDWHU".charAt(fault.ordinal()));
    switch (fault) {
      case DROP_REQUEST -> throw new IOException("connection reset (request lost)");
      case DROP_RESPONSE -> {
        inner.send(request);
        throw new IOException("read timed out (response lost)");
      }
      case DUPLICATE -> {
        inner.send(request);
        return inner.send(request);
      }
      case DELAY -> {
        clock.advance(Duration.ofMillis(50 + random.nextInt(20_000)));
        return inner.send(request);
      }
      case REORDER -> {
        held.add(request);
        throw new IOException("read timed out (request held up on the way)");
      }
      case DISCONNECT -> {
        disconnectedFor = 1 + random.nextInt(4);
        throw new IOException("network unreachable");
      }
      default -> throw new IllegalStateException(fault.name());
    }
  }
}
