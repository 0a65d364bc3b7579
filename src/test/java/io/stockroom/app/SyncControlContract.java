package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.app.agent.PendingLogin;
import io.stockroom.app.agent.SyncControl;
import io.stockroom.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sync screen and the account pane rely on from the sync agent, held to the real agent
 * with a real server ({@link AgentSyncControlContractTest}) and to the {@link FakeSyncControl}
 * their view-model tests use ({@link FakeSyncControlContractTest}).
 */
abstract class SyncControlContract {

  @TempDir static Path serverDir;
  static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(serverDir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** An agent of a fresh profile, never signed in. */
  protected abstract SyncControl open() throws Exception;

  protected void close() throws Exception {}

  protected SyncControl sync;

  @BeforeEach
  void openControl() throws Exception {
    sync = open();
  }

  @AfterEach
  void closeControl() throws Exception {
    close();
  }

  @Test
  void theIntervalIsKeptInWholeSecondsAndTheBatteryRuleDefaultsOn() {
    assertThat(sync.pauseOnLowBattery()).isTrue();
    sync.setInterval(Duration.ofMinutes(15));
    assertThat(sync.interval()).isEqualTo(Duration.ofMinutes(15));
    sync.setInterval(Duration.ofMillis(1_500));
    assertThat(sync.interval()).isEqualTo(Duration.ofSeconds(1));
    sync.setInterval(Duration.ofMillis(10));
    assertThat(sync.interval()).isEqualTo(Duration.ofSeconds(1));
    sync.setInterval(Duration.ZERO);
    assertThat(sync.interval()).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> sync.setInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    sync.setPauseOnLowBattery(false);
    assertThat(sync.pauseOnLowBattery()).isFalse();
  }

  @Test
  void aLoginUsedOnASiteBecomesTheAccount() throws Exception {
    assertThat(sync.serverUrl()).isEmpty();
    PendingLogin login = sync.logIn(server.url(), "demo", "demo");
    assertThat(login.sites()).isNotEmpty();
    assertThat(login.suggested()).isPresent();
    assertThat(login.sites()).contains(login.suggested().orElseThrow());
    assertThat(sync.serverUrl()).as("nothing is stored before a site is chosen").isEmpty();
    login.use(login.suggested().orElseThrow());
    assertThat(sync.serverUrl()).contains(server.url());
    assertThat(sync.userName()).contains("demo");
  }

  @Test
  void aCancelledLoginChangesNothing() throws Exception {
    sync.logIn(server.url(), "demo", "demo").cancel();
    assertThat(sync.serverUrl()).isEmpty();
    assertThat(sync.userName()).isEmpty();
  }
}
