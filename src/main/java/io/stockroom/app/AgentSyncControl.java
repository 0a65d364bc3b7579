package io.stockroom.app;

import io.stockroom.sync.SyncAgent;
import io.stockroom.sync.SyncException;
import io.stockroom.sync.SyncStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link SyncControl} over the real sync agent. */
final class AgentSyncControl implements SyncControl {

  private final SyncAgent agent;

  AgentSyncControl(SyncAgent agent) {
    this.agent = agent;
  }

  @Override
  public void addListener(Consumer<SyncStatus> listener) {
    agent.scheduler().addListener(listener);
  }

  @Override
  public void start() {
    agent.start();
  }

  @Override
  public void syncNow() {
    agent.syncNow();
  }

  @Override
  public void cancelSync() {
    agent.cancel();
  }

  @Override
  public void localWrite() {
    agent.localWrite();
  }

  @Override
  public void signIn(String serverUrl, String user, String password) throws Exception {
    try {
      agent.signIn(serverUrl, user, password);
    } catch (SyncException e) {
      throw new IllegalStateException(
          switch (e.kind()) {
            case TRANSIENT -> "Cannot reach " + serverUrl + " (" + e.getMessage() + ").";
            case UNAUTHORIZED, REJECTED -> "Sign-in refused: " + e.getMessage();
            default -> e.getMessage();
          },
          e);
    }
  }

  @Override
  public void signOut() {
    agent.signOut();
  }

  @Override
  public Optional<String> serverUrl() {
    return agent.serverUrl();
  }

  @Override
  public Optional<String> userName() {
    return agent.userName();
  }

  @Override
  public Duration interval() {
    return agent.interval();
  }

  @Override
  public void setInterval(Duration interval) {
    agent.setInterval(interval);
  }

  @Override
  public boolean pauseOnLowBattery() {
    return agent.pauseOnLowBattery();
  }

  @Override
  public void setPauseOnLowBattery(boolean pause) {
    agent.setPauseOnLowBattery(pause);
  }
}
