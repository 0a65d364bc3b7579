package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.SITES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.Hlc;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.Site;
import io.stockroom.domain.SyncStatus;
import io.stockroom.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalStoreTest extends StoreTestSupport {

  @Test
  void freshProfileHasOneLocalSiteThatIsNotQueued() {
    Site site = store.locations().currentSite();

    assertThat(site.code()).isEqualTo("LOCAL");
    assertThat(site.name()).isEqualTo("This laptop");
    assertThat(site.syncStatus()).isEqualTo(SyncStatus.PENDING);
    assertThat(store.dsl().fetchCount(SITES)).isEqualTo(1);
    assertThat(store.outbox().open()).isEmpty();
    assertThat(Files.exists(profile.resolve("stockroom.mv.db"))).isTrue();
  }

  @Test
  void nodeIdIsShortLowercaseHexAndKeptAcrossReopen() {
    String node = store.hlc().node();
    assertThat(node).matches("[0-9a-f]{8,12}");

    reopen();

    assertThat(store.hlc().node()).isEqualTo(node);
    assertThat(store.locations().currentSite().code()).isEqualTo("LOCAL");
    assertThat(store.dsl().fetchCount(SITES)).isEqualTo(1);
  }

  @Test
  void aNewProfileStartsFromThePackedTemplateAndNoOpenRunsLiquibase() {
    assertThat(store.createdFromTemplate()).isTrue();
    assertThat(store.liquibaseRan()).isFalse();

    reopen();

    assertThat(store.createdFromTemplate()).isFalse();
    assertThat(store.liquibaseRan()).isFalse();
  }

  @Test
  void closingLeavesNoH2TraceFileInTheProfile() {
    store.catalog().create(ItemDraft.of("ABC-1", "Hex bolt M8"));

    reopen();
    store.close();

    assertThat(profile.resolve("stockroom.trace.db")).doesNotExist();
  }

  @Test
  void packedChangelogListsEveryChangeSet() throws Exception {
    assertThat(SchemaMigrator.changeSetIds(SchemaMigrator.CHANGELOG))
        .contains("v1-sites", "v1-items", "v1-mutation-queue", "v1-local-settings", "v1-tag");
  }

  @Test
  void liquibaseRunsAgainWhenAChangeSetIsMissing() throws Exception {
    store.dsl().execute("DELETE FROM DATABASECHANGELOG WHERE ID = 'v1-tag'");

    reopen();

    assertThat(store.liquibaseRan()).isTrue();
    assertThat(store.dsl().fetchCount(store.dsl().selectFrom("DATABASECHANGELOG")))
        .isEqualTo(SchemaMigrator.changeSetIds(SchemaMigrator.CHANGELOG).size());
  }

  @Test
  void dataAndQueueSurviveCloseAndReopen() {
    var item = store.catalog().create(ItemDraft.of("ABC-1", "Hex bolt M8"));
    store.locations().create("A-1", null, null);
    store
        .stock()
        .record(
            new MovementRequest(
                item.id(), MovementReason.RECEIVE, null, "A-1", new BigDecimal("5"), null));

    reopen();

    assertThat(store.catalog().get(item.id())).contains(item);
    assertThat(store.stock().onHand(item.id(), store.locations().findByCode("a-1").get().id()))
        .isEqualByComparingTo("5");
    assertThat(store.outbox().open()).hasSize(3);
    assertThat(store.outbox().pendingCount()).isEqualTo(3);
  }

  @Test
  void hlcStaysMonotonicAcrossReopenWhenTheWallClockGoesBack() {
    store.catalog().create(ItemDraft.of("ABC-1", "Hex bolt"));
    Hlc before = store.hlc().peek();

    clock.set(Instant.parse("2026-04-09T09:00:00Z")); // an hour back
    reopen();

    assertThat(store.hlc().peek()).isEqualTo(before);
    store.catalog().create(ItemDraft.of("ABC-2", "Hex nut"));
    assertThat(store.hlc().peek()).isGreaterThan(before);
    assertThat(store.hlc().peek().wallMillis()).isEqualTo(before.wallMillis());
  }

  @Test
  void receivedStampIsPersisted() {
    Hlc remote = new Hlc(clock.millis() + 60_000, 3, "server");
    store.receiveStamp(remote);

    reopen();

    assertThat(store.hlc().now()).isGreaterThan(remote);
  }

  @Test
  void inFlightMutationsGoBackToPendingAtOpen() {
    store.catalog().create(ItemDraft.of("ABC-1", "Hex bolt"));
    var mutation = store.outbox().due(10).get(0);
    store.outbox().markInFlight(List.of(mutation.id()));

    reopen();

    assertThat(store.outbox().get(mutation.id()).status()).isEqualTo(MutationStatus.PENDING);
  }

  @Test
  void settingsRoundTrip() {
    store.settings().put("server.url", "https://stock.example");
    reopen();
    assertThat(store.settings().get("server.url")).contains("https://stock.example");
    assertThat(store.settings().get("nothing")).isEmpty();
  }

  @Test
  void closeLeavesASmallFileAndTheStoreReopens() throws Exception {
    for (int i = 0; i < 50; i++) {
      store.catalog().create(ItemDraft.of("SKU-" + i, "Item number " + i));
      clock.advance(Duration.ofSeconds(1));
    }
    store.close();
    long size = Files.size(profile.resolve("stockroom.mv.db"));
    store = LocalStore.open(profile, clock, IdGenerator.seeded(9));

    assertThat(size).isLessThan(1_000_000);
    assertThat(store.catalog().count("")).isEqualTo(50);
  }

  @Test
  void profileHeldByAnotherProcessIsReportedClearly() throws Exception {
    store.close();
    store = null;
    Process holder = holdDatabase();
    try {
      assertThatThrownBy(() -> LocalStore.open(profile, clock, IdGenerator.seeded(1)))
          .isInstanceOf(ProfileLockedException.class)
          .hasMessage(
              "profile " + profile.toAbsolutePath() + " is open in another Stockroom window");
    } finally {
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts a JVM that opens the profile's database and waits; returns once it holds the lock. */
  private Process holdDatabase() throws Exception {
    Process p =
        new ProcessBuilder(
                ChildJvm.command(
                    DatabaseHolder.class.getName(),
                    "jdbc:h2:file:" + profile.toAbsolutePath().resolve("stockroom")))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("open")) {
      // skip logging until the holder says it has the database
    }
    assertThat(line).isEqualTo("open");
    return p;
  }

  /** Main of the child JVM: opens the database and sleeps until killed. */
  static final class DatabaseHolder {
    public static void main(String[] args) throws Exception {
      try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
        System.out.println("open");
        System.out.flush();
        Thread.sleep(60_000);
      }
    }
  }
}
