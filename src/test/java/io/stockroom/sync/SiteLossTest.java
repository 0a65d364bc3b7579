package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.server.TestServer;
import io.stockroom.server.auth.Role;
import io.stockroom.store.SiteLoss;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A laptop whose user loses a site, or whose sign-in an admin revokes (a device reported stolen),
 * removes that site's rows at its next contact; the unsynced work of the site is held back in a
 * file first, and goes out, once, when the site is the user's again (issue 15).
 */
class SiteLossTest {

  @TempDir Path tmp;
  TestServer server;
  Laptop laptop;
  String admin;
  Item item;

  @BeforeEach
  void start() {
    server = TestServer.start(tmp.resolve("server"), 5);
    server
        .server()
        .accounts()
        .createUser("worker", Role.STAFF, List.of("MAIN", "OTHER"), "worker-pass");
    server.server().accounts().createSite("SPARE", "Spare yard");
    admin = server.login("admin", "admin");
    laptop = Laptop.at(tmp.resolve("laptop"));
  }

  @AfterEach
  void stop() {
    if (laptop != null) {
      laptop.close();
    }
    server.close();
  }

  /** Signs the laptop in as the worker, working in {@code siteCode}. */
  private void signIn(String siteCode) throws SyncException {
    Login login = laptop.agent.login(server.url(), "worker", "worker-pass");
    UUID site =
        login.sites().stream()
            .filter(s -> s.code().equals(siteCode))
            .findFirst()
            .orElseThrow()
            .id();
    laptop.agent.complete(login, site);
  }

  private void receive(String bin, String reference) {
    laptop
        .store
        .stock()
        .record(
            new MovementRequest(
                item.id(), MovementReason.RECEIVE, null, bin, new BigDecimal("3"), reference));
  }

  private void setSites(String... codes) {
    StringBuilder body = new StringBuilder("{\"username\":\"worker\",\"sites\":[");
    for (int i = 0; i < codes.length; i++) {
      body.append(i == 0 ? "" : ",").append('"').append(codes[i]).append('"');
    }
    TestServer.Response r = server.post("/api/admin/set-sites", admin, body + "]}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  /** How many movements with this reference the server holds (read as the admin: every site). */
  private long onServer(String reference) {
    long n = 0;
    String cursor = "";
    while (true) {
      JsonNode page =
          server
              .get("/api/sync/pull?entity=stock_movements&limit=1000&since=" + cursor, admin)
              .json();
      n +=
          TestServer.stream(page.get("records"))
              .filter(r -> reference.equals(r.path("reference").asText(null)))
              .count();
      cursor = page.get("cursor").asText();
      if (!page.get("has_more").asBoolean()) {
        return n;
      }
    }
  }

  private List<Path> heldFiles() throws Exception {
    Path dir = laptop.dir.resolve(SiteLoss.HELD);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Test
  void aSiteTakenAwayLeavesTheLaptopAndItsUnsyncedWorkGoesOutWhenItComesBack() throws Exception {
    signIn("OTHER");
    item = laptop.store.catalog().create(ItemDraft.of("LOSS-1", "Pallet wrap"));
    laptop.store.locations().create("Y-01", null, null);
    receive("Y-01", "synced-before");
    assertThat(laptop.sync().ok()).isTrue();
    assertThat(onServer("synced-before")).isEqualTo(1);

    // Offline: one more receipt in OTHER, and a catalog change that belongs to no site.
    receive("Y-01", "held-back");
    Item other = laptop.store.catalog().create(ItemDraft.of("LOSS-2", "Stretch film"));
    setSites("MAIN");

    CycleResult lost = laptop.sync();
    assertThat(lost.ok()).as(lost.toString()).isTrue();
    assertThat(lost.notices())
        .singleElement()
        .asString()
        .contains("Site OTHER was removed")
        .contains("sign in again to choose a site");
    // OTHER and everything in it are gone from the laptop. It works in a site of its own now,
    // not silently in MAIN, where a bin of the same code would take the next receipt.
    assertThat(laptop.store.locations().currentSite().code()).isEqualTo("LOCAL");
    assertThat(laptop.store.locations().findByCode("Y-01")).isEmpty();
    assertThat(laptop.store.stock().onHand(item.id())).isEmpty();
    assertThat(laptop.store.outbox().open())
        .noneMatch(m -> m.entityType().wireName().equals("stock_movements"));
    // The receipt never reached the server but is kept, one line in one held file.
    assertThat(onServer("held-back")).isZero();
    assertThat(heldFiles()).singleElement();
    assertThat(Files.readAllLines(heldFiles().get(0))).hasSize(1);
    // The item, which belongs to no site, went out as usual.
    assertThat(laptop.store.outbox().open()).isEmpty();
    assertThat(laptop.store.catalog().get(other.id()).orElseThrow().syncStatus().dbValue())
        .isEqualTo("synced");

    // A second cycle changes nothing more.
    CycleResult again = laptop.sync();
    assertThat(again.ok()).isTrue();
    assertThat(again.notices()).isEmpty();
    assertThat(heldFiles()).hasSize(1);

    // OTHER comes back: its bins and stock are pulled again, the held receipt goes out once.
    setSites("MAIN", "OTHER");
    CycleResult back = laptop.sync();
    assertThat(back.ok()).as(back.toString()).isTrue();
    assertThat(back.notices()).singleElement().asString().contains("queued again");
    assertThat(heldFiles()).isEmpty();
    assertThat(onServer("held-back")).isEqualTo(1);
    assertThat(onServer("synced-before")).isEqualTo(1);
    assertThat(laptop.sync().ok()).isTrue();
    assertThat(onServer("held-back")).isEqualTo(1);
    assertThat(laptop.store.stock().onHand(item.id()))
        .singleElement()
        .satisfies(h -> assertThat(h.quantity()).isEqualByComparingTo("6"));
  }

  @Test
  void aRevokedSignInRemovesEverySiteAndTheNextSignInSendsTheHeldWork() throws Exception {
    signIn("MAIN");
    item = laptop.store.catalog().create(ItemDraft.of("REV-1", "Label roll"));
    laptop.store.locations().create("R-01", null, null);
    receive("R-01", "before-revoke");
    assertThat(laptop.sync().ok()).isTrue();
    receive("R-01", "after-revoke");

    TestServer.Response r =
        server.post("/api/admin/revoke-tokens", admin, "{\"username\":\"worker\"}");
    assertThat(r.status()).isEqualTo(200);

    CycleResult revoked = laptop.sync();
    assertThat(revoked.outcome()).isEqualTo("signed_out");
    assertThat(revoked.notices()).hasSize(2).allMatch(n -> n.contains("sign-in was revoked"));
    // No site of the server is left; work goes on offline in a fresh local site.
    assertThat(laptop.store.siteLoss().serverSites()).isEmpty();
    assertThat(laptop.store.locations().currentSite().code()).isEqualTo("LOCAL");
    assertThat(laptop.store.locations().findByCode("R-01")).isEmpty();
    assertThat(heldFiles()).singleElement();
    assertThat(onServer("after-revoke")).isZero();

    // Someone else signs in on this laptop: the held receipt is not theirs to send.
    Login demo = laptop.agent.login(server.url(), "demo", "demo");
    laptop.agent.complete(demo, demo.sites().get(0).id());
    assertThat(laptop.sync().ok()).isTrue();
    assertThat(heldFiles()).singleElement();
    assertThat(onServer("after-revoke")).isZero();

    // The owner signs in again: MAIN comes back whole and the held receipt goes out once.
    signIn("MAIN");
    CycleResult back = laptop.sync();
    assertThat(back.ok()).as(back.toString()).isTrue();
    assertThat(heldFiles()).isEmpty();
    assertThat(onServer("after-revoke")).isEqualTo(1);
    assertThat(onServer("before-revoke")).isEqualTo(1);
    assertThat(laptop.sync().ok()).isTrue();
    assertThat(laptop.store.locations().findByCode("R-01")).isPresent();
    assertThat(laptop.store.stock().onHand(item.id()))
        .singleElement()
        .satisfies(h -> assertThat(h.quantity()).isEqualByComparingTo("6"));
  }

  @Test
  void onlyAnAdminChangesSitesAndBadBodiesAreClearErrors() {
    String worker = server.login("worker", "worker-pass");
    assertThat(
            server
                .post("/api/admin/set-sites", worker, "{\"username\":\"worker\",\"sites\":[]}")
                .status())
        .isEqualTo(403);
    assertThat(server.post("/api/admin/set-sites", admin, "{\"username\":\"worker\"}").status())
        .isEqualTo(400);
    TestServer.Response none =
        server.post("/api/admin/set-sites", admin, "{\"username\":\"worker\",\"sites\":[]}");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().at("/error/message").asText()).contains("at least one site");
    TestServer.Response unknown =
        server.post(
            "/api/admin/set-sites", admin, "{\"username\":\"worker\",\"sites\":[\"NOPE\"]}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/message").asText()).contains("NOPE");
    // Nothing changed: the worker still has both sites.
    assertThat(server.get("/api/sync/pull?entity=sites", worker).json().get("records").size())
        .isEqualTo(2);
  }
}
