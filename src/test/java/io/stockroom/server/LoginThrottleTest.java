package io.stockroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.server.auth.LoginThrottle;
import io.stockroom.server.store.Notifications;
import io.stockroom.server.store.ServerDatabase;
import io.stockroom.server.store.ServerStore;
import io.stockroom.server.store.jooq.Tables;
import io.stockroom.server.wire.ApiError;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The throttle's rules, on a clock the test moves, with its counts in a real server database (the
 * counts two processes share; {@code ServerProcessesTest} has the two processes).
 */
class LoginThrottleTest {

  final PullTest.MutableClock clock =
      new PullTest.MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
  @TempDir Path dir;
  ServerDatabase db;
  ServerStore store;
  LoginThrottle throttle;

  @BeforeEach
  void open() {
    db = ServerDatabase.h2(dir);
    store =
        new ServerStore(db, io.stockroom.server.store.CommitListener.NONE, Notifications.of(db));
    throttle = new LoginThrottle(store, clock);
  }

  @AfterEach
  void close() {
    store.close();
    db.close();
  }

  @Test
  void attemptsCountBeforeTheirPasswordIsChecked() {
    // Six guesses queued at once (none answered yet): the seventh waits.
    for (int i = 0; i < 6; i++) {
      throttle.attempt("demo", "10.0.0.1");
    }
    assertThatThrownBy(() -> throttle.attempt("demo", "10.0.0.1"))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.retryAfterSeconds()).isPositive();
            });
  }

  @Test
  void oneAddressCannotLockAUserOutEverywhere() {
    for (int i = 0; i < 6; i++) {
      throttle.attempt("admin", "203.0.113.9");
    }
    assertThatThrownBy(() -> throttle.attempt("admin", "203.0.113.9")).isInstanceOf(ApiError.class);
    throttle.attempt("admin", "10.0.0.7"); // the real admin, elsewhere
  }

  @Test
  void aSuccessTakesItsAttemptBackAndWaitsEnd() {
    for (int i = 0; i < 5; i++) {
      throttle.attempt("demo", "10.0.0.1");
      throttle.succeeded("demo", "10.0.0.1");
    }
    throttle.attempt("demo", "10.0.0.1"); // five good sign-ins left nothing behind
    for (int i = 0; i < 6; i++) {
      throttle.attempt("other", "10.0.0.2");
    }
    clock.advance(Duration.ofSeconds(2));
    throttle.attempt("other", "10.0.0.2"); // the first wait (1 s) is over
  }

  @Test
  void theCountsAreTheDatabasesAndTheMaintenanceForgetsOldOnes() {
    for (int i = 0; i < 6; i++) {
      throttle.attempt("demo", "10.0.0.1");
    }
    // Another process's throttle on the same database refuses the seventh as well.
    LoginThrottle another = new LoginThrottle(store, clock);
    assertThatThrownBy(() -> another.attempt("demo", "10.0.0.1")).isInstanceOf(ApiError.class);

    assertThat(throttle.forgetOld()).isZero(); // still inside the window
    clock.advance(Duration.ofMinutes(16));
    assertThat(throttle.forgetOld()).isEqualTo(3);
    assertThat(store.dsl().fetchCount(Tables.LOGIN_FAILURES)).isZero();
    throttle.attempt("demo", "10.0.0.1");
  }

  @Test
  void anAddressOfAnyLengthIsCounted() {
    String odd = "x".repeat(5_000);
    for (int i = 0; i < 6; i++) {
      throttle.attempt("demo", odd);
    }
    assertThatThrownBy(() -> throttle.attempt("demo", odd)).isInstanceOf(ApiError.class);
  }
}
