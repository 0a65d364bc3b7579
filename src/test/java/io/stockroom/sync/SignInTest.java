package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.server.TestServer;
import io.stockroom.server.auth.Role;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in against the real server in process: the site choice and where the token lives. */
class SignInTest {

  @TempDir Path tmp;
  TestServer server;
  final List<Laptop> laptops = new ArrayList<>();

  @BeforeEach
  void startServer() {
    server = TestServer.start(tmp.resolve("server"), 3);
    // A user of both warehouses, as `admin create-user both --sites MAIN,OTHER` makes one.
    server.server().accounts().createUser("both", Role.STAFF, List.of("MAIN", "OTHER"), "both");
  }

  @AfterEach
  void stop() {
    Laptop.closeAll(laptops);
    server.close();
  }

  Laptop laptop(String name) {
    Laptop l = Laptop.at(tmp.resolve(name));
    laptops.add(l);
    return l;
  }

  private static String siteId(Login login, String code) {
    return login.sites().stream()
        .filter(s -> s.code().equals(code))
        .findFirst()
        .orElseThrow()
        .id()
        .toString();
  }

  @Test
  void aUserOfTwoSitesChoosesAndTheOfflineWorkGoesToTheChosenOne() {
    Laptop a = laptop("fresh");
    a.store.locations().create("BIN-7", "Y", null);
    Item item = a.store.catalog().create(ItemDraft.of("TWO-1", "Made before sign-in"));
    a.store
        .stock()
        .record(
            new MovementRequest(
                item.id(), MovementReason.RECEIVE, null, "BIN-7", new BigDecimal("4"), null));
    java.util.UUID localSite = a.store.locations().currentSite().id();

    Login login;
    try {
      login = a.agent.login(server.url(), "both", "both");
    } catch (SyncException e) {
      throw new AssertionError(e);
    }
    assertThat(login.sites()).extracting(UserSite::code).containsExactlyInAnyOrder("MAIN", "OTHER");
    // Logging in alone stores nothing: still signed out, still the local site.
    assertThat(a.agent.signedIn()).isFalse();
    assertThat(a.agent.serverUrl()).isEmpty();
    assertThat(a.store.locations().currentSite().id()).isEqualTo(localSite);
    assertThat(a.agent.suggestedSite(login)).contains(login.sites().get(0));

    String other = siteId(login, "OTHER");
    a.agent.complete(login, java.util.UUID.fromString(other));
    assertThat(a.agent.signedIn()).isTrue();
    assertThat(a.store.locations().currentSite().id().toString()).isEqualTo(other);
    assertThat(a.store.locations().currentSite().code()).isEqualTo("OTHER");

    CycleResult r = a.sync();
    assertThat(r.outcome()).isEqualTo("ok");
    assertThat(r.accepted()).isEqualTo(3);
    assertThat(a.store.sync().failed()).isEmpty();
    String token = server.login("both", "both");
    JsonNode movement =
        TestServer.stream(
                server
                    .get("/api/sync/pull?entity=stock_movements&limit=1000", token)
                    .json()
                    .get("records"))
            .filter(m -> m.get("item_id").asText().equals(item.id().toString()))
            .findFirst()
            .orElseThrow();
    assertThat(movement.get("site_id").asText()).isEqualTo(other);
    JsonNode bin =
        TestServer.stream(
                server
                    .get("/api/sync/pull?entity=locations&limit=1000", token)
                    .json()
                    .get("records"))
            .filter(l -> l.get("code").asText().equals("BIN-7"))
            .findFirst()
            .orElseThrow();
    assertThat(bin.get("site_id").asText()).isEqualTo(other);

    // Signing in again suggests the site the laptop now works in.
    try {
      Login again = a.agent.login(server.url(), "both", "both");
      assertThat(a.agent.suggestedSite(again).orElseThrow().code()).isEqualTo("OTHER");
      a.agent.abandon(again);
    } catch (SyncException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSiteTheUserDoesNotHaveIsRefused() throws SyncException {
    Laptop a = laptop("a");
    Login login = a.agent.login(server.url(), "demo", "demo");
    assertThat(login.sites()).hasSize(1);
    assertThatThrownBy(() -> a.agent.complete(login, java.util.UUID.randomUUID()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(a.agent.signedIn()).isFalse();
    assertThat(a.agent.serverUrl()).isEmpty();
  }

  @Test
  void anAbandonedLoginIsRevokedOnTheServer() throws SyncException {
    Laptop a = laptop("a");
    Login login = a.agent.login(server.url(), "both", "both");
    String token = login.token();
    assertThat(server.get("/api/sync/pull?entity=sites", token).status()).isEqualTo(200);
    a.agent.abandon(login);
    assertThat(server.get("/api/sync/pull?entity=sites", token).status()).isEqualTo(401);
    assertThat(Files.exists(a.dir.resolve(TokenFile.NAME))).isFalse();
  }

  @Test
  void aRefusedLoginLeavesTheAccountAsItWas() throws Exception {
    Laptop a = laptop("a").signIn(server, "demo");
    String before = new TokenFile(a.dir).read().orElseThrow();
    assertThatThrownBy(() -> a.agent.login(server.url(), "demo", "wrong"))
        .isInstanceOfSatisfying(
            SyncException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEqualTo("invalid_credentials");
            });
    assertThat(a.agent.signedIn()).isTrue();
    assertThat(new TokenFile(a.dir).read()).contains(before);
    assertThat(a.sync().outcome()).isEqualTo("ok");
  }

  @Test
  void signingInAgainRevokesTheTokenItReplaces() throws Exception {
    Laptop a = laptop("again").signIn(server, "demo");
    String first = new TokenFile(a.dir).read().orElseThrow();
    a.signIn(server, "both");
    String second = new TokenFile(a.dir).read().orElseThrow();
    assertThat(second).isNotEqualTo(first);
    assertThat(server.get("/api/sync/pull?entity=sites", first).status()).isEqualTo(401);
    assertThat(server.get("/api/sync/pull?entity=sites", second).status()).isEqualTo(200);
    assertThat(a.agent.userName()).contains("both");
    assertThat(a.sync().outcome()).isEqualTo("ok");
  }

  @Test
  void theTokenLivesOnlyInAnOwnerOnlyFileAndSignOutDeletesIt() throws Exception {
    Laptop a = laptop("a").signIn(server, "demo");
    Path file = a.dir.resolve(TokenFile.NAME);
    String token = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(token).isNotBlank();
    assertThat(a.store.settings().get(SignIn.TOKEN)).isEmpty();
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(a.sync().outcome()).isEqualTo("ok");
    // No other file of the profile (the database included) holds the token.
    a.close();
    assertThat(filesHolding(a.dir, token)).containsExactly(file);

    a.reopen();
    assertThat(a.agent.signedIn()).isTrue();
    assertThat(a.sync().outcome()).isEqualTo("ok");
    a.agent.signOut();
    assertThat(Files.exists(file)).isFalse();
    assertThat(server.get("/api/sync/pull?entity=sites", token).status()).isEqualTo(401);
    a.reopen();
    assertThat(a.agent.signedIn()).isFalse();
    assertThat(a.sync().outcome()).isEqualTo("signed_out");
  }

  @Test
  void aTokenKeptInTheDatabaseByAnOlderVersionMovesToTheFile() throws Exception {
    Laptop a = laptop("old");
    a.close();
    // What an older version left in the profile: the token as a plain setting.
    String token = server.login("demo", "demo");
    try (var store =
        io.stockroom.store.LocalStore.open(
            a.dir, java.time.Clock.systemUTC(), io.stockroom.domain.IdGenerator.secure())) {
      store.settings().put(SyncAgent.SERVER_URL, server.url());
      store.settings().put(SyncAgent.USER, "demo");
      store.settings().put(SignIn.TOKEN, token);
    }
    Path file = a.dir.resolve(TokenFile.NAME);
    assertThat(file).doesNotExist();

    a.reopen();
    assertThat(a.agent.signedIn()).isTrue();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(token);
    assertThat(a.store.settings().get(SignIn.TOKEN)).isEmpty();
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(a.sync().outcome()).isEqualTo("ok");
  }

  @Test
  void anOlderVersionsSignOutRemovesAStaleTokenFile() throws Exception {
    Laptop a = laptop("mixed").signIn(server, "demo");
    Path file = a.dir.resolve(TokenFile.NAME);
    assertThat(file).exists();
    a.close();
    // An older version signed out in between: it wrote an empty setting and knew no file.
    try (var store =
        io.stockroom.store.LocalStore.open(
            a.dir, java.time.Clock.systemUTC(), io.stockroom.domain.IdGenerator.secure())) {
      store.settings().put(SignIn.TOKEN, "");
    }
    a.reopen();
    assertThat(a.agent.signedIn()).isFalse();
    assertThat(file).doesNotExist();
    assertThat(a.store.settings().get(SignIn.TOKEN)).isEmpty();
  }

  @Test
  void aTokenFileLeftReadableByOthersIsClosedAgainOnRead() throws IOException {
    Path dir = tmp.resolve("perm");
    TokenFile tokens = new TokenFile(dir);
    tokens.write("abc");
    Path file = tokens.path();
    assumeThat(Files.getFileAttributeView(file, PosixFileAttributeView.class)).isNotNull();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(tokens.read()).contains("abc");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    tokens.delete();
    assertThat(tokens.read()).isEmpty();
  }

  private static List<Path> filesHolding(Path dir, String needle) throws IOException {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                try {
                  return indexOf(Files.readAllBytes(p), n) >= 0;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
