package io.stockroom.app.screens;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells the screens that something was written locally, so lists, counts and the status bar reload.
 * Used on the UI thread only.
 */
public final class LocalChanges {

  private final List<Runnable> listeners = new ArrayList<>();

  public void subscribe(Runnable listener) {
    listeners.add(listener);
  }

  public void fire() {
    for (Runnable listener : List.copyOf(listeners)) {
      listener.run();
    }
  }
}
