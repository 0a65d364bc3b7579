package io.stockroom.server.auth;

import io.stockroom.server.wire.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins, counted per user name and per client address (issue 15). Within a window, a few
 * failures are free; after that each further attempt must wait, twice as long each time up to a
 * cap, and is refused with {@code 429 too_many_attempts} and {@code Retry-After} until then. A
 * success clears the user's count. State is in memory: a restart forgets it, which only helps a
 * guesser once per restart.
 */
public final class LoginThrottle {

  /** Failures allowed per user name from one address before waits begin. */
  static final int FREE_PER_USER = 5;

  /** Failures allowed per user name from all addresses together. */
  static final int FREE_PER_USER_ANYWHERE = 50;

  /** Failures allowed per address (a shared NAT may hold a whole shift) before waits begin. */
  static final int FREE_PER_ADDRESS = 30;

  private static final Duration WINDOW = Duration.ofMinutes(15);
  private static final long MAX_WAIT_SECONDS = 15 * 60;
  private static final int MAX_TRACKED = 100_000;

  private final Clock clock;
  private final Map<String, Failures> users = new ConcurrentHashMap<>();
  private final Map<String, Failures> usersAnywhere = new ConcurrentHashMap<>();
  private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

  private record Failures(int count, Instant first, Instant blockedUntil) {}

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /**
   * Refuses the attempt when the user name or the address must still wait; otherwise counts it as a
   * failure until {@link #succeeded} takes it back.
   */
  public void attempt(String userKey, String address) {
    Instant now = clock.instant();
    String here = userKey + "@" + address;
    long wait =
        Math.max(
            waitFor(users.get(here), now),
            Math.max(
                waitFor(usersAnywhere.get(userKey), now), waitFor(addresses.get(address), now)));
    if (wait > 0) {
      throw new ApiError(
          429, "too_many_attempts", "too many failed sign-ins; try again in " + wait + " s", wait);
    }
    if (users.size() > MAX_TRACKED || addresses.size() > MAX_TRACKED) {
      forgetExpired(now);
    }
    users.compute(here, (k, f) -> next(f, now, FREE_PER_USER));
    usersAnywhere.compute(userKey, (k, f) -> next(f, now, FREE_PER_USER_ANYWHERE));
    addresses.compute(address, (k, f) -> next(f, now, FREE_PER_ADDRESS));
  }

  /** The password was right: the user's counts go, the address's count takes the attempt back. */
  public void succeeded(String userKey, String address) {
    users.remove(userKey + "@" + address);
    usersAnywhere.remove(userKey);
    addresses.computeIfPresent(
        address,
        (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.first(), f.blockedUntil()));
  }

  private static long waitFor(Failures f, Instant now) {
    if (f == null || f.blockedUntil() == null || !f.blockedUntil().isAfter(now)) {
      return 0;
    }
    return Math.max(1, Duration.between(now, f.blockedUntil()).toSeconds());
  }

  private static Failures next(Failures f, Instant now, int free) {
    if (f == null || f.first().plus(WINDOW).isBefore(now)) {
      f = new Failures(0, now, null);
    }
    int count = f.count() + 1;
    Instant blocked = f.blockedUntil();
    if (count > free) {
      long seconds = Math.min(MAX_WAIT_SECONDS, 1L << Math.min(20, count - free - 1));
      blocked = now.plusSeconds(seconds);
    }
    return new Failures(count, f.first(), blocked);
  }

  private void forgetExpired(Instant now) {
    users.values().removeIf(f -> f.first().plus(WINDOW).isBefore(now) && waitFor(f, now) == 0);
    usersAnywhere
        .values()
        .removeIf(f -> f.first().plus(WINDOW).isBefore(now) && waitFor(f, now) == 0);
    addresses.values().removeIf(f -> f.first().plus(WINDOW).isBefore(now) && waitFor(f, now) == 0);
  }
}
