package io.stockroom.sync;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * A seeded, fault-injecting network for simulations: each exchange may lose its request, lose its
 * response, arrive twice, be delayed, be replayed late (out of order, after newer requests), or
 * fall into a disconnected stretch. The same seed gives the same faults for the same requests.
 */
final class FaultyTransport implements Transport {

  private final Transport inner;
  private final Random random;
  private final double faultRate;
  private final Deque<Request> late = new ArrayDeque<>();
  private volatile boolean enabled = true;
  private int disconnectedFor;
  final int[] injected = new int[6];

  FaultyTransport(Transport inner, long seed, double faultRate) {
    this.inner = inner;
    this.random = new Random(seed);
    this.faultRate = faultRate;
  }

  void enabled(boolean on) {
    enabled = on;
    if (!on) {
      synchronized (this) {
        disconnectedFor = 0;
        late.clear();
      }
    }
  }

  /** Cuts the network for the next {@code requests} exchanges. */
  synchronized void disconnect(int requests) {
    disconnectedFor = requests;
  }

  @Override
  public Response send(Request request) throws IOException {
    if (!enabled) {
      return inner.send(request);
    }
    int fault;
    Request replay = null;
    synchronized (this) {
      if (disconnectedFor > 0) {
        disconnectedFor--;
        injected[5]++;
        throw new IOException("no route to host (disconnected)");
      }
      if (!late.isEmpty() && random.nextDouble() < 0.5) {
        replay = late.poll();
      }
      fault = random.nextDouble() < faultRate ? random.nextInt(6) : -1;
      if (fault >= 0) {
        injected[fault]++;
      }
      if (fault == 4) {
        late.add(request);
      }
      if (fault == 5) {
        disconnectedFor = 1 + random.nextInt(4);
      }
    }
    if (replay != null) {
      try {
        inner.send(replay); // an old request arrives after newer ones; its answer goes nowhere
      } catch (IOException ignored) {
        // Lost on the way after all.
      }
    }
    switch (fault) {
      case 0 -> throw new IOException("connection reset (request lost)");
      case 1 -> {
        inner.send(request);
        throw new IOException("read timed out (response lost)");
      }
      case 2 -> {
        inner.send(request);
        return inner.send(request);
      }
      case 3 -> {
        try {
          Thread.sleep(1 + random(5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return inner.send(request);
      }
      case 5 -> throw new IOException("network unreachable");
      default -> {
        return inner.send(request);
      }
    }
  }

  private synchronized int random(int bound) {
    return random.nextInt(bound);
  }
}
