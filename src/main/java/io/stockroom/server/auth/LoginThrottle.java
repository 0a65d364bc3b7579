package io.stockroom.server.auth;

import static io.stockroom.server.store.jooq.Tables.LOGIN_FAILURES;

import io.stockroom.server.store.ServerStore;
import io.stockroom.server.store.jooq.tables.records.LoginFailuresRecord;
import io.stockroom.server.wire.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Failed sign-ins, counted per user name and per client address (issue 15). Within a window, a few
 * failures are free; after that each further attempt must wait, twice as long each time up to a
 * cap, and is refused with {@code 429 too_many_attempts} and {@code Retry-After} until then. A
 * success clears the user's count.
 *
 * <p>The counts live in the database (table {@code login_failures}), so that every server process
 * sharing it throttles the same guesser as one (issue 19): a guesser gains nothing by spreading
 * attempts over the processes behind a load balancer. One short transaction per attempt, its rows
 * locked, so two processes counting at once never lose a count.
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

  /** Longer keys (an odd address) are stored as their hash, within the column's 300. */
  private static final int MAX_KEY = 200;

  private final ServerStore store;
  private final Clock clock;

  private record Failures(int count, Instant first, Instant blockedUntil) {}

  public LoginThrottle(ServerStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Refuses the attempt when the user name or the address must still wait; otherwise counts it as a
   * failure until {@link #succeeded} takes it back.
   */
  public void attempt(String userKey, String address) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Map<String, Integer> free =
        Map.of(
            key("u:" + userKey + "@" + address), FREE_PER_USER,
            key("n:" + userKey), FREE_PER_USER_ANYWHERE,
            key("a:" + address), FREE_PER_ADDRESS);
    long wait =
        once(
            () ->
                store
                    .dsl()
                    .transactionResult(
                        cfg -> {
                          DSLContext tx = DSL.using(cfg);
                          // One order for every process: concurrent attempts never wait on each
                          // other
                          // in a circle.
                          List<String> keys = free.keySet().stream().sorted().toList();
                          Map<String, Failures> rows = lockRows(tx, keys, now);
                          long longest = 0;
                          for (Failures f : rows.values()) {
                            longest = Math.max(longest, waitFor(f, now));
                          }
                          if (longest > 0) {
                            return longest;
                          }
                          for (Map.Entry<String, Integer> e : free.entrySet()) {
                            Failures n = next(rows.get(e.getKey()), now, e.getValue());
                            tx.update(LOGIN_FAILURES)
                                .set(LOGIN_FAILURES.FAILURES, n.count())
                                .set(LOGIN_FAILURES.FIRST_AT, n.first())
                                .set(LOGIN_FAILURES.NEXT_ALLOWED_AT, n.blockedUntil())
                                .where(LOGIN_FAILURES.THROTTLE_KEY.eq(e.getKey()))
                                .execute();
                          }
                          return 0L;
                        }));
    if (wait > 0) {
      throw new ApiError(
          429, "too_many_attempts", "too many failed sign-ins; try again in " + wait + " s", wait);
    }
  }

  /** The rows of {@code keys}, made if missing, locked until the transaction ends. */
  private static Map<String, Failures> lockRows(DSLContext tx, List<String> keys, Instant now) {
    for (String k : keys) {
      tx.insertInto(LOGIN_FAILURES)
          .set(LOGIN_FAILURES.THROTTLE_KEY, k)
          .set(LOGIN_FAILURES.FAILURES, 0)
          .set(LOGIN_FAILURES.FIRST_AT, now)
          .onDuplicateKeyIgnore()
          .execute();
    }
    return tx
        .selectFrom(LOGIN_FAILURES)
        .where(LOGIN_FAILURES.THROTTLE_KEY.in(keys))
        .orderBy(LOGIN_FAILURES.THROTTLE_KEY)
        .forUpdate()
        .fetch()
        .stream()
        .collect(
            Collectors.toMap(
                LoginFailuresRecord::getThrottleKey,
                r -> new Failures(r.getFailures(), r.getFirstAt(), r.getNextAllowedAt()),
                (a, b) -> a,
                java.util.HashMap::new));
  }

  /** The password was right: the user's counts go, the address's count takes the attempt back. */
  public void succeeded(String userKey, String address) {
    String here = key("u:" + userKey + "@" + address);
    String anywhere = key("n:" + userKey);
    String from = key("a:" + address);
    once(
        () ->
            store
                .dsl()
                .transaction(
                    cfg -> {
                      DSLContext tx = DSL.using(cfg);
                      // The rows in the order attempt() locks them, so the two never wait on
                      // each other in a circle.
                      tx.selectFrom(LOGIN_FAILURES)
                          .where(LOGIN_FAILURES.THROTTLE_KEY.in(here, anywhere, from))
                          .orderBy(LOGIN_FAILURES.THROTTLE_KEY)
                          .forUpdate()
                          .fetch();
                      tx.deleteFrom(LOGIN_FAILURES)
                          .where(LOGIN_FAILURES.THROTTLE_KEY.in(here, anywhere))
                          .execute();
                      tx.deleteFrom(LOGIN_FAILURES)
                          .where(LOGIN_FAILURES.THROTTLE_KEY.eq(from))
                          .and(LOGIN_FAILURES.FAILURES.le(1))
                          .execute();
                      tx.update(LOGIN_FAILURES)
                          .set(LOGIN_FAILURES.FAILURES, LOGIN_FAILURES.FAILURES.minus(1))
                          .where(LOGIN_FAILURES.THROTTLE_KEY.eq(from))
                          .execute();
                    }));
  }

  /**
   * Runs {@code work}, once more if the database refused it for a clash with another attempt at the
   * same moment (two first failures making the same row, or a deadlock it broke): a sign-in is
   * never answered 500 for that.
   */
  private static <T> T once(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (org.jooq.exception.DataAccessException e) {
      String state = e.sqlState();
      if (state != null && (state.startsWith("23") || state.startsWith("40"))) {
        return work.get();
      }
      throw e;
    }
  }

  private static void once(Runnable work) {
    once(
        () -> {
          work.run();
          return null;
        });
  }

  /** Deletes the counts whose window has passed and that hold nobody back (the maintenance). */
  public int forgetOld() {
    Instant now = clock.instant();
    // Row by row, one statement each: never two rows locked at once, so never a wait in a circle
    // with an attempt; a row an attempt holds is waited for, then found fresh and kept.
    List<String> old =
        store
            .dsl()
            .select(LOGIN_FAILURES.THROTTLE_KEY)
            .from(LOGIN_FAILURES)
            .where(LOGIN_FAILURES.FIRST_AT.lt(now.minus(WINDOW)))
            .fetch(LOGIN_FAILURES.THROTTLE_KEY);
    int deleted = 0;
    for (String k : old) {
      deleted +=
          store
              .dsl()
              .deleteFrom(LOGIN_FAILURES)
              .where(LOGIN_FAILURES.THROTTLE_KEY.eq(k))
              .and(LOGIN_FAILURES.FIRST_AT.lt(now.minus(WINDOW)))
              .and(
                  LOGIN_FAILURES
                      .NEXT_ALLOWED_AT
                      .isNull()
                      .or(LOGIN_FAILURES.NEXT_ALLOWED_AT.le(now)))
              .execute();
    }
    return deleted;
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

  private static String key(String k) {
    if (k.length() <= MAX_KEY) {
      return k;
    }
    return k.substring(0, 2) + "#" + AuthService.tokenKey(k); // its SHA-256, as tokens are kept
  }
}
