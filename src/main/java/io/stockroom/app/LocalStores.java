package io.stockroom.app;

import io.stockroom.store.LocalStore;
import io.stockroom.sync.OshiPowerSource;
import io.stockroom.sync.SyncAgent;

/** Opens the real local store of a profile (the only place the app names the store). */
final class LocalStores {

  private LocalStores() {}

  static StoreOpener.OpenStore open(AppConfig config) {
    LocalStore store = LocalStore.open(config.profileDir(), config.clock(), config.ids());
    // OSHI is loaded at the first interval tick, on the agent's thread, not here.
    SyncAgent agent =
        new SyncAgent(
            store,
            config.clock(),
            SyncAgent.Options.defaults().withPowerSource(new OshiPowerSource()));
    return new StoreOpener.OpenStore(
        new Services(
            store.catalog(),
            store.locations(),
            store.stock(),
            store.outbox(),
            store.conflictInbox(),
            store.syncDesk(),
            store.settings()),
        () -> {
          try {
            agent.close();
          } finally {
            store.close();
          }
        },
        new AgentSyncControl(agent));
  }
}
