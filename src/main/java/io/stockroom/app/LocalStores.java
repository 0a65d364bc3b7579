package io.stockroom.app;

import io.stockroom.store.LocalStore;
import io.stockroom.sync.OshiPowerSource;
import io.stockroom.sync.SyncAgent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;

/** Opens the real local store of a profile (the only place the app names the store). */
final class LocalStores {

  private LocalStores() {}

  static StoreOpener.OpenStore open(AppConfig config) {
    LocalStore store = LocalStore.open(config.profileDir(), config.clock(), config.ids());
    // The agent (and its JSON codec) is built on its own thread while the window is; OSHI is
    // loaded at the first interval tick, on the agent's thread.
    CompletableFuture<SyncAgent> agent = new CompletableFuture<>();
    Thread building =
        new Thread(
            () -> {
              try {
                agent.complete(
                    new SyncAgent(
                        store,
                        config.clock(),
                        SyncAgent.Options.defaults().withPowerSource(new OshiPowerSource())));
              } catch (Throwable e) {
                // The app stays usable offline; every sync call reports this error.
                LoggerFactory.getLogger(LocalStores.class)
                    .error("the sync agent could not start", e);
                agent.completeExceptionally(e);
              }
            },
            "stockroom-sync-init");
    building.setDaemon(true);
    building.start();
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
            agent.join().close();
          } catch (CompletionException e) {
            // The agent was never built: nothing of it to close.
          } finally {
            store.close();
          }
        },
        new AgentSyncControl(agent));
  }
}
