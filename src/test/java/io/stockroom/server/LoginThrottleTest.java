package io.stockroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.server.auth.LoginThrottle;
import io.stockroom.server.wire.ApiError;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The throttle's rules, on a clock the test moves. */
class LoginThrottleTest {

  final PullTest.MutableClock clock =
      new PullTest.MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
  final LoginThrottle throttle = new LoginThrottle(clock);

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
}
