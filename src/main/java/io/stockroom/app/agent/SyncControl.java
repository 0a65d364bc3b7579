package io.stockroom.app.agent;

import io.stockroom.sync.SyncStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the screens may ask of the sync agent. Listeners are called on the agent's thread; the
 * composition root moves them onto the FX thread.
 */
public interface SyncControl {

  void addListener(Consumer<SyncStatus> listener);

  /**
   * Hears each time a sync has applied records pulled from the server, as soon as they are in the
   * local store (on the agent's thread; it must not block).
   */
  default void addArrivalListener(Runnable listener) {}

  void start();

  void syncNow();

  /**
   * Stops a running cycle at its next page or batch; what it applied stays. Nothing to stop where
   * there is no agent.
   */
  default void cancelSync() {}

  void localWrite();

  /**
   * Logs in without storing anything yet; the user's site is chosen on the returned login. Throws
   * with a message a user understands when it cannot.
   */
  PendingLogin logIn(String serverUrl, String user, String password) throws SignInFailure;

  void signOut();

  Optional<String> serverUrl();

  Optional<String> userName();

  /** The background sync interval (zero: off). Reads the profile's settings. */
  Duration interval();

  /** Changes the background interval now and for later runs; throws when it cannot. */
  void setInterval(Duration interval);

  /** Whether background sync pauses on a low battery. */
  boolean pauseOnLowBattery();

  /** Turns the low-battery pause on or off, now and for later runs; throws when it cannot. */
  void setPauseOnLowBattery(boolean pause);

  /** No agent (tests on fake stores): the app stays offline. */
  static SyncControl none() {
    return new SyncControl() {
      @Override
      public void addListener(Consumer<SyncStatus> listener) {}

      @Override
      public void start() {}

      @Override
      public void syncNow() {}

      @Override
      public void localWrite() {}

      @Override
      public PendingLogin logIn(String serverUrl, String user, String password)
          throws SignInFailure {
        throw new SignInFailure("Sync is not available here.", "");
      }

      @Override
      public void signOut() {}

      @Override
      public Optional<String> serverUrl() {
        return Optional.empty();
      }

      @Override
      public Optional<String> userName() {
        return Optional.empty();
      }

      @Override
      public Duration interval() {
        return Duration.ZERO;
      }

      @Override
      public void setInterval(Duration interval) {
        throw new IllegalStateException("sync is not available here");
      }

      @Override
      public boolean pauseOnLowBattery() {
        return true;
      }

      @Override
      public void setPauseOnLowBattery(boolean pause) {
        throw new IllegalStateException("sync is not available here");
      }
    };
  }
}
