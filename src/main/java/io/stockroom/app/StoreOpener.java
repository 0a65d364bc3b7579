package io.stockroom.app;

import io.stockroom.app.agent.SyncControl;

/** Opens the local store of a profile; the composition root closes it on exit. */
@FunctionalInterface
public interface StoreOpener {

  OpenStore open(AppConfig config) throws Exception;

  /** The services of an open store and how to close it. */
  record OpenStore(Services services, AutoCloseable closer, SyncControl sync) {

    public OpenStore(Services services, AutoCloseable closer) {
      this(services, closer, SyncControl.none());
    }
  }
}
