package io.stockroom.app;

import io.stockroom.domain.IdGenerator;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;

/** The real store, on H2, passes the contract the fake is held to. */
class LocalStoreContractTest extends ServicesContract {

  @TempDir Path profile;
  private LocalStore store;

  @Override
  protected Services open() {
    // A clock a second further on at each reading: writes made one after the other are apart.
    Instant[] now = {Instant.parse("2026-12-07T08:00:00Z")};
    Clock ticking =
        new Clock() {
          @Override
          public Instant instant() {
            now[0] = now[0].plusSeconds(1);
            return now[0];
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    store = LocalStore.open(profile, ticking, IdGenerator.seeded(11));
    return new Services(
        store.catalog(),
        store.locations(),
        store.stock(),
        store.outbox(),
        store.conflictInbox(),
        store.syncDesk(),
        store.settings());
  }

  @Override
  protected void close() {
    store.close();
  }
}
