package io.stockroom.app;

import io.stockroom.app.agent.SiteChoice;
import io.stockroom.app.agent.SyncControl;
import java.util.List;

/** The in-memory agent passes the real agent's contract. */
class FakeSyncControlContractTest extends SyncControlContract {

  @Override
  protected SyncControl open() {
    FakeSyncControl fake = new FakeSyncControl();
    SiteChoice main = new SiteChoice("00000000-0000-4000-8000-00000000000a", "MAIN", "Main");
    fake.sites = List.of(main);
    fake.suggested = main;
    return fake;
  }
}
