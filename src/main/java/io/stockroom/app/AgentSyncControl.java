package io.stockroom.app;

import io.stockroom.app.agent.PendingLogin;
import io.stockroom.app.agent.SignInFailure;
import io.stockroom.app.agent.SiteChoice;
import io.stockroom.app.agent.SyncControl;
import io.stockroom.sync.Login;
import io.stockroom.sync.SyncAgent;
import io.stockroom.sync.SyncException;
import io.stockroom.sync.SyncStatus;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * {@link SyncControl} over the real sync agent, which may still be being built when the window is:
 * building it loads the JSON codec (about 900 classes, 0.35-0.4 s cold), which nothing before the
 * first paint needs. Listeners, start and the other notifications wait in order for the agent; the
 * calls that answer something block until it is there (they run on worker threads).
 */
final class AgentSyncControl implements SyncControl {

  private final CompletableFuture<SyncAgent> usable = new CompletableFuture<>();
  private final Object lock = new Object();

  /** Notifications made before the agent was built; null once it is. */
  private List<Consumer<SyncAgent>> queued = new ArrayList<>();

  AgentSyncControl(SyncAgent agent) {
    this(CompletableFuture.completedFuture(agent));
  }

  /** Over an agent {@code building} completes with (or fails to). */
  AgentSyncControl(CompletableFuture<SyncAgent> building) {
    building.whenComplete(this::built);
  }

  private void built(SyncAgent agent, Throwable failure) {
    try {
      synchronized (lock) {
        if (failure == null) {
          for (Consumer<SyncAgent> notification : queued) {
            try {
              notification.accept(agent);
            } catch (RuntimeException e) {
              // Made directly, it would have thrown at its caller; that caller has moved on.
              LoggerFactory.getLogger(AgentSyncControl.class).error("sync agent call failed", e);
            }
          }
        }
        queued = null;
      }
    } finally {
      if (failure == null) {
        usable.complete(agent);
      } else {
        usable.completeExceptionally(failure);
      }
    }
  }

  /** Runs {@code notification} now if the agent is there, else as soon as it is, in order. */
  private void whenBuilt(Consumer<SyncAgent> notification) {
    synchronized (lock) {
      if (queued != null) {
        queued.add(notification);
        return;
      }
    }
    notification.accept(agent());
  }

  /** The agent, once built; rethrows what building it threw. */
  private SyncAgent agent() {
    try {
      return usable.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      } else if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  @Override
  public void addListener(Consumer<SyncStatus> listener) {
    whenBuilt(agent -> agent.scheduler().addListener(listener));
  }

  @Override
  public void addArrivalListener(Runnable listener) {
    whenBuilt(agent -> agent.scheduler().addArrivalListener(listener));
  }

  @Override
  public void start() {
    whenBuilt(SyncAgent::start);
  }

  @Override
  public void syncNow() {
    whenBuilt(SyncAgent::syncNow);
  }

  @Override
  public void cancelSync() {
    whenBuilt(SyncAgent::cancel);
  }

  @Override
  public void localWrite() {
    whenBuilt(SyncAgent::localWrite);
  }

  @Override
  public PendingLogin logIn(String serverUrl, String user, String password) throws SignInFailure {
    SyncAgent agent = agent();
    Login login;
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
    agent().signOut();
  }

  @Override
  public Optional<String> serverUrl() {
    return agent().serverUrl();
  }

  @Override
  public Optional<String> userName() {
    return agent().userName();
  }

  @Override
  public Duration interval() {
    return agent().interval();
  }

  @Override
  public void setInterval(Duration interval) {
    agent().setInterval(interval);
  }

  @Override
  public boolean pauseOnLowBattery() {
    return agent().pauseOnLowBattery();
  }

  @Override
  public void setPauseOnLowBattery(boolean pause) {
    agent().setPauseOnLowBattery(pause);
  }
}
