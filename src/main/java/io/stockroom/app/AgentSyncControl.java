package io.stockroom.app;

import io.stockroom.sync.SyncAgent;
import io.stockroom.sync.SyncException;
import io.stockroom.sync.SyncStatus;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
  public PendingLogin logIn(String serverUrl, String user, String password) throws SignInFailure {
    SyncAgent.Login login;
    try {
      login = agent.login(serverUrl, user, password);
    } catch (SyncException e) {
      throw SignInFailure.of(e, serverUrl);
    }
    List<SiteChoice> sites =
        login.sites().stream()
            .map(s -> new SiteChoice(s.id().toString(), s.code(), s.name()))
            .toList();
    Optional<SiteChoice> suggested =
        agent
            .suggestedSite(login)
            .flatMap(s -> sites.stream().filter(c -> c.id().equals(s.id().toString())).findFirst());
    return new PendingLogin() {
      @Override
      public List<SiteChoice> sites() {
        return sites;
      }

      @Override
      public Optional<SiteChoice> suggested() {
        return suggested;
      }

      @Override
      public void use(SiteChoice site) throws SignInFailure {
        try {
          agent.complete(login, site == null ? null : UUID.fromString(site.id()));
        } catch (UncheckedIOException e) {
          throw new SignInFailure(
              "Signed in, but this laptop could not save the sign-in. Check that the disk is not"
                  + " full, then sign in again.",
              e.getMessage() + ": " + e.getCause());
        }
      }

      @Override
      public void cancel() {
        agent.abandon(login);
      }
    };
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
