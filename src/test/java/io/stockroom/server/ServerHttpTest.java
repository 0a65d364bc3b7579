package io.stockroom.server;

import static io.stockroom.server.TestServer.CODEC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.Hlc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The common rules of PROTOCOL.md over real HTTP: auth, versions, errors, limits, gzip. */
class ServerHttpTest {

  @TempDir static Path dir;
  static TestServer server;
  static String token;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    token = server.login("demo", "demo");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthNeedsNoTokenAndAnswersVersionAndClockHeaders() {
    TestServer.Response r = server.get("/api/health", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("ok");
    assertThat(r.json().get("sync_version").asInt()).isEqualTo(1);
    assertThat(r.header("Sync-Version")).isEqualTo("1");
    assertThat(Hlc.parse(r.header("Sync-Hlc")).node()).isEqualTo("server");
  }

  @Test
  void readinessNeedsNoTokenAndSaysReady() {
    TestServer.Response r = server.get("/api/ready", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("ready");
  }

  @Test
  void serverClockMovesPastAClientClockItIsSent() {
    long ahead = System.currentTimeMillis() + 10_000;
    Hlc client = new Hlc(ahead, 5, "laptop1");
    TestServer.Response r =
        server.send(
            server.builder("/api/health", null).header("Sync-Hlc", client.toString()).build());
    assertThat(Hlc.parse(r.header("Sync-Hlc"))).isGreaterThan(client);
  }

  @Test
  void unsupportedSyncVersionIs426WithAnErrorBody() {
    TestServer.Response r =
        server.send(
            server
                .builder("/api/sync/pull?entity=items", token)
                .setHeader("Sync-Version", "2")
                .build());
    assertThat(r.status()).isEqualTo(426);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("unsupported_version");
  }

  @Test
  void loginReturnsTokenUserAndSites() {
    JsonNode body =
        server
            .post(
                "/api/auth/login",
                null,
                "{\"username\":\"demo\",\"password\":\"demo\",\"device_name\":\"d\"}")
            .json();
    assertThat(body.get("token").asText()).hasSizeGreaterThan(30);
    assertThat(body.at("/user/username").asText()).isEqualTo("demo");
    assertThat(body.at("/user/role").asText()).isEqualTo("staff");
    assertThat(body.get("sites")).hasSize(1);
    assertThat(body.at("/sites/0/code").asText()).isEqualTo("MAIN");
  }

  @Test
  void wrongCredentialsAre401InvalidCredentials() {
    TestServer.Response r =
        server.post("/api/auth/login", null, "{\"username\":\"demo\",\"password\":\"nope\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("invalid_credentials");
    r = server.post("/api/auth/login", null, "{\"username\":\"ghost\",\"password\":\"x\"}");
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void missingOrUnknownTokenIs401() {
    assertThat(server.get("/api/sync/pull?entity=items", null).status()).isEqualTo(401);
    TestServer.Response r = server.get("/api/sync/pull?entity=items", "made-up");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().at("/error/code").asText()).isNotEmpty();
    assertThat(server.post("/api/sync/push", null, "{\"mutations\":[]}").status()).isEqualTo(401);
  }

  @Test
  void logoutRevokesTheToken() {
    String t = server.login("demo", "demo");
    assertThat(server.get("/api/sync/pull?entity=items&limit=1", t).status()).isEqualTo(200);
    assertThat(server.post("/api/auth/logout", t, "").status()).isEqualTo(200);
    assertThat(server.get("/api/sync/pull?entity=items&limit=1", t).status()).isEqualTo(401);
    assertThat(server.get("/api/sync/pull?entity=items&limit=1", token).status()).isEqualTo(200);
  }

  @Test
  void badPullParametersAre400() {
    assertThat(code(server.get("/api/sync/pull?entity=widgets", token)))
        .isEqualTo("unknown_entity");
    assertThat(code(server.get("/api/sync/pull", token))).isEqualTo("bad_request");
    assertThat(code(server.get("/api/sync/pull?entity=items&limit=-1", token)))
        .isEqualTo("bad_request");
    assertThat(code(server.get("/api/sync/pull?entity=items&limit=0", token)))
        .isEqualTo("bad_request");
    assertThat(code(server.get("/api/sync/pull?entity=items&limit=abc", token)))
        .isEqualTo("bad_request");
    assertThat(code(server.get("/api/sync/pull?entity=items&since=x1", token)))
        .isEqualTo("bad_request");
    assertThat(code(server.get("/api/sync/pull?entity=items&since=-5", token)))
        .isEqualTo("bad_request");
  }

  @Test
  void limitIsCappedAt1000() {
    JsonNode page = server.get("/api/sync/pull?entity=items&limit=5000", token).json();
    assertThat(page.get("records").size()).isLessThanOrEqualTo(1000);
  }

  @Test
  void malformedBodiesAre400() {
    assertThat(code(server.post("/api/sync/push", token, "{not json"))).isEqualTo("bad_request");
    assertThat(code(server.post("/api/sync/push", token, "[]"))).isEqualTo("bad_request");
    assertThat(code(server.post("/api/sync/push", token, "{\"mutations\": 5}")))
        .isEqualTo("bad_request");
    assertThat(code(server.post("/api/sync/push", token, "null"))).isEqualTo("bad_request");
    assertThat(
            code(
                server.post(
                    "/api/sync/push", token, "{\"mutations\":[{\"idempotency_key\":\"nope\"}]}")))
        .isEqualTo("bad_request");
    assertThat(code(server.post("/api/auth/login", null, "{\"username\": 5, \"password\": \"x\"}")))
        .isEqualTo("bad_request");
  }

  @Test
  void unknownEntityInAPushIs400AndWritesNothing() {
    long before = server.lastVersion();
    String body =
        "{\"mutations\":["
            + CODEC.writeString(
                TestServer.mutation(
                    "items",
                    "create",
                    UUID.randomUUID(),
                    TestServer.item(TestServer.sku("U"), "n")))
            + ","
            + CODEC.writeString(TestServer.mutation("widgets", "create", UUID.randomUUID(), null))
            + "]}";
    TestServer.Response r = server.post("/api/sync/push", token, body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(code(r)).isEqualTo("unknown_entity");
    assertThat(server.lastVersion()).isEqualTo(before);
  }

  @Test
  void bodiesOverTheLimitAre413() {
    byte[] big = new byte[8 * 1024 * 1024 + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    TestServer.Response r = server.post("/api/sync/push", token, big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(code(r)).isEqualTo("payload_too_large");

    StringBuilder many = new StringBuilder("{\"mutations\":[");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",")
          .append(
              CODEC.writeString(TestServer.mutation("items", "delete", UUID.randomUUID(), null)));
    }
    many.append("]}");
    assertThat(code(server.post("/api/sync/push", token, many.toString())))
        .isEqualTo("payload_too_large");
  }

  @Test
  void gzipBothWays() throws IOException {
    String sku = TestServer.sku("GZ");
    String body =
        "{\"mutations\":["
            + CODEC.writeString(
                TestServer.mutation(
                    "items", "create", UUID.randomUUID(), TestServer.item(sku, "zipped")))
            + "]}";
    TestServer.Response r =
        server.send(
            server
                .builder("/api/sync/push", token)
                .header("Content-Encoding", "gzip")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        gzip(body.getBytes(StandardCharsets.UTF_8))))
                .build());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/results/0/status").asText()).isEqualTo("accepted");

    HttpResponse<byte[]> raw =
        server
            .send(
                server
                    .builder("/api/sync/pull?entity=items&limit=100", token)
                    .header("Accept-Encoding", "gzip")
                    .GET()
                    .build())
            .raw();
    assertThat(raw.headers().firstValue("Content-Encoding")).hasValue("gzip");
    JsonNode page =
        CODEC.tree(new GZIPInputStream(new ByteArrayInputStream(raw.body())).readAllBytes());
    assertThat(page.get("records").size()).isGreaterThan(0);

    TestServer.Response bad =
        server.send(
            server
                .builder("/api/sync/push", token)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("not gzip at all"))
                .build());
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void unknownPathsAnswerJson404() {
    TestServer.Response r = server.get("/api/nothing", token);
    assertThat(r.status()).isEqualTo(404);
    assertThat(code(r)).isEqualTo("not_found");
  }

  static String code(TestServer.Response r) {
    return r.json().at("/error/code").asText();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
