package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stockroom.app.agent.SignInFailure;
import io.stockroom.domain.IdGenerator;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import io.stockroom.sync.HttpTransport;
import io.stockroom.sync.SyncAgent;
import io.stockroom.sync.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person reads when sign-in fails, through the real agent and HTTP client: the real server
 * in process for a wrong password, a wrong path and another protocol version; real sockets for a
 * closed port, a name no DNS knows and a server that never answers.
 */
class SignInFailureTest {

  @TempDir static Path tmp;
  static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(tmp.resolve("server"), 1);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** Logs in from a fresh profile over {@code transports}; returns what the user would read. */
  private static SignInFailure failure(
      String name, String url, String password, Function<String, Transport> transports) {
    try (LocalStore store =
            LocalStore.open(tmp.resolve(name), Clock.systemUTC(), IdGenerator.secure());
        SyncAgent agent =
            new SyncAgent(
                store,
                Clock.systemUTC(),
                SyncAgent.Options.defaults().withTransports(transports).withLive(false))) {
      SignInFailure f =
          catchThrowableOfType(
              SignInFailure.class, () -> new AgentSyncControl(agent).logIn(url, "demo", password));
      assertThat(f).as("sign-in should have failed").isNotNull();
      assertThat(agent.signedIn()).isFalse();
      return f;
    }
  }

  private static SignInFailure failure(String name, String url, String password) {
    return failure(name, url, password, HttpTransport::new);
  }

  @Test
  void wrongPassword() {
    SignInFailure f = failure("p401", server.url(), "not-the-password");
    assertThat(f.getMessage())
        .isEqualTo(
            "Wrong user name or password. Check both (passwords are case-sensitive) and try"
                + " again.");
    assertThat(f.details()).isEqualTo("Server answered 401 invalid_credentials.");
  }

  @Test
  void nothingListensOnThePort() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SignInFailure f = failure("refused", "http://127.0.0.1:" + port, "demo");
    assertThat(f.getMessage())
        .startsWith("Cannot reach the sync server at 127.0.0.1:" + port + ".")
        .contains("switched off")
        .endsWith("everything stays on this laptop.");
    assertThat(f.details()).startsWith("network:");
  }

  @Test
  void aNameNoOneKnows() {
    // .invalid never resolves (RFC 6761).
    SignInFailure f = failure("dns", "http://stockroom-server.invalid:8080", "demo");
    assertThat(f.getMessage())
        .startsWith("No server called \"stockroom-server.invalid\" can be found")
        .contains("typing mistakes");
  }

  @Test
  void aServerThatNeverAnswers() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread accepter =
          new Thread(
              () -> {
                try (Socket s = silent.accept()) {
                  s.getInputStream().readAllBytes(); // reads, never answers
                } catch (IOException ignored) {
                  // closed by the test
                }
              });
      accepter.setDaemon(true);
      accepter.start();
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      SignInFailure f =
          failure(
              "silent",
              url,
              "demo",
              u -> new HttpTransport(u, Duration.ofSeconds(5), Duration.ofMillis(300)));
      assertThat(f.getMessage())
          .startsWith(
              "The server at 127.0.0.1:" + silent.getLocalPort() + " did not answer in time.");
    }
  }

  @Test
  void aServerOfAnotherProtocolVersion() {
    // The real server, reached by a client that speaks version 2: it answers 426.
    Function<String, Transport> version2 =
        u ->
            request -> {
              Map<String, String> headers = new HashMap<>(request.headers());
              headers.put("Sync-Version", "2");
              return new HttpTransport(u)
                  .send(
                      new Transport.Request(
                          request.method(), request.path(), headers, request.body()));
            };
    SignInFailure f = failure("v2", server.url(), "demo", version2);
    assertThat(f.getMessage()).contains("runs a different version of Stockroom sync");
    assertThat(f.details())
        .isEqualTo(
            "Server answered 426 unsupported_version: this server speaks Sync-Version 1, not 2");
  }

  @Test
  void somethingElseAnswersAtThatAddress() {
    SignInFailure f = failure("p404", server.url() + "/not-stockroom", "demo");
    assertThat(f.getMessage()).contains("it is not a Stockroom sync server");
    assertThat(f.details()).startsWith("Server answered 404 not_found");
  }

  @Test
  void anythingElseKeepsTheServersCode() {
    // A proxy in front of the server during maintenance: the fake is the network itself.
    Transport maintenance =
        request ->
            new Transport.Response(
                503,
                Map.of("Content-Type", "application/json"),
                "{\"error\":{\"code\":\"maintenance\",\"message\":\"back at 06:00\"}}"
                    .getBytes(StandardCharsets.UTF_8));
    SignInFailure f = failure("p503", "http://stock.example", "demo", u -> maintenance);
    assertThat(f.getMessage()).startsWith("The server could not sign you in just now.");
    assertThat(f.details()).isEqualTo("HTTP 503, error code maintenance: back at 06:00");
  }
}
