package io.stockroom.app;

import io.stockroom.app.agent.SyncControl;
import io.stockroom.domain.IdGenerator;
import io.stockroom.store.LocalStore;
import io.stockroom.sync.SyncAgent;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The real agent of a real profile, against the real server, passes the contract. */
class AgentSyncControlContractTest extends SyncControlContract {

  @TempDir Path profile;
  private LocalStore store;
  private SyncAgent agent;

  @Override
  protected SyncControl open() {
    store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.seeded(3));
    agent = new SyncAgent(store, Clock.systemUTC(), SyncAgent.Options.defaults().withLive(false));
    return new AgentSyncControl(agent);
  }

  @Override
  protected void close() {
    agent.close();
    store.close();
  }
}
