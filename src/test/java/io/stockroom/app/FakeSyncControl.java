package io.stockroom.app;

import io.stockroom.app.agent.PendingLogin;
import io.stockroom.app.agent.SignInFailure;
import io.stockroom.app.agent.SiteChoice;
import io.stockroom.app.agent.SyncControl;
import io.stockroom.sync.SyncStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The sync agent at the view models' boundary, in memory: it answers what the test sets, records
 * every call that would change something in {@link #calls} ("syncNow", "interval 1800", "logIn URL
 * USER PASSWORD", "use MAIN", ...) and can refuse a login or a settings write.
 */
public class FakeSyncControl implements SyncControl {

  public final List<String> calls = new ArrayList<>();

  /** The stored account; a login's {@link PendingLogin#use} sets both. */
  public String serverUrl;

  public String userName;

  public Duration interval = Duration.ZERO;
  public boolean pauseOnLowBattery = true;

  /** Settings writes throw, as on a read-only profile. */
  public boolean refuseSettings;

  /** Logins throw this; null: they are accepted. */
  public SignInFailure refuseLogin;

  /** The sites an accepted login offers, and the one it suggests. */
  public List<SiteChoice> sites = List.of();

  public SiteChoice suggested;

  private final List<Consumer<SyncStatus>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public void addListener(Consumer<SyncStatus> listener) {
    listeners.add(listener);
  }

  /** Tells the listeners, as the agent does after every change of its state. */
  public void publish(SyncStatus status) {
    listeners.forEach(l -> l.accept(status));
  }

  @Override
  public void start() {
    calls.add("start");
  }

  @Override
  public void syncNow() {
    calls.add("syncNow");
  }

  @Override
  public void cancelSync() {
    calls.add("cancelSync");
  }

  @Override
  public void localWrite() {
    calls.add("localWrite");
  }

  @Override
  public PendingLogin logIn(String url, String user, String password) throws SignInFailure {
    calls.add("logIn " + url + " " + user + " " + password);
    if (refuseLogin != null) {
      throw refuseLogin;
    }
    return new PendingLogin() {
      @Override
      public List<SiteChoice> sites() {
        return sites;
      }

      @Override
      public Optional<SiteChoice> suggested() {
        return Optional.ofNullable(suggested);
      }

      @Override
      public void use(SiteChoice site) {
        calls.add("use " + (site == null ? "none" : site.code()));
        serverUrl = url;
        userName = user;
      }

      @Override
      public void cancel() {
        calls.add("cancel");
      }
    };
  }

  @Override
  public void signOut() {
    calls.add("signOut");
  }

  @Override
  public Optional<String> serverUrl() {
    return Optional.ofNullable(serverUrl);
  }

  @Override
  public Optional<String> userName() {
    return Optional.ofNullable(userName);
  }

  @Override
  public Duration interval() {
    return interval;
  }

  /** As the agent keeps it: whole seconds, at least one; zero turns the interval off. */
  @Override
  public void setInterval(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("interval must be zero or positive: " + d);
    }
    refuseIfAsked();
    calls.add("interval " + d.toSeconds());
    interval = d.isZero() ? Duration.ZERO : Duration.ofSeconds(Math.max(1, d.toSeconds()));
  }

  @Override
  public boolean pauseOnLowBattery() {
    return pauseOnLowBattery;
  }

  @Override
  public void setPauseOnLowBattery(boolean pause) {
    refuseIfAsked();
    calls.add("pause " + pause);
    pauseOnLowBattery = pause;
  }

  private void refuseIfAsked() {
    if (refuseSettings) {
      throw new io.stockroom.store.StoreException("the profile is read-only");
    }
  }
}
