package io.stockroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.SyncHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Admin calls made through a running server's HTTP API (the server owns its H2 file). */
final class RunningServer {

  private static final JsonCodec CODEC = new JsonCodec();

  private RunningServer() {}

  /** Signs in as {@code adminUser}, revokes {@code username}'s tokens, signs out again. */
  static int revokeTokens(String server, String adminUser, String password, String username) {
    ObjectNode body = CODEC.object();
    body.put("username", username);
    return asAdmin(server, adminUser, password, "/api/admin/revoke-tokens", body)
        .get("revoked")
        .asInt();
  }

  /** Signs in as {@code adminUser}, gives {@code username} exactly {@code sites}, signs out. */
  static void setSites(
      String server, String adminUser, String password, String username, List<String> sites) {
    ObjectNode body = CODEC.object();
    body.put("username", username);
    var codes = body.putArray("sites");
    sites.forEach(codes::add);
    asAdmin(server, adminUser, password, "/api/admin/set-sites", body);
  }

  private static JsonNode asAdmin(
      String server, String adminUser, String password, String path, ObjectNode body) {
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ObjectNode login = CODEC.object();
    login.put("username", adminUser);
    login.put("password", password);
    login.put("device_name", "stockroom admin");
    String token = call(http, base, "/api/auth/login", null, login).get("token").asText();
    try {
      return call(http, base, path, token, body);
    } finally {
      try {
        call(http, base, "/api/auth/logout", token, CODEC.object());
      } catch (UserError e) {
        // Revoking the admin's own tokens already signed this session out.
      }
    }
  }

  private static JsonNode call(
      HttpClient http, String base, String path, String token, ObjectNode body) {
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .header(SyncHeaders.VERSION, Integer.toString(SyncHeaders.SYNC_VERSION))
              .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.write(body)));
    } catch (IllegalArgumentException e) {
      throw new UserError("--server is not a URL: " + base);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UserError("cannot reach " + base + ": " + e.getMessage(), 3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted", 1);
    }
    JsonNode json;
    try {
      json = CODEC.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new UserError(base + path + " answered " + r.statusCode() + " without JSON", 1);
    }
    if (r.statusCode() != 200) {
      throw new UserError(
          base + path + " refused (" + r.statusCode() + "): " + json.at("/error/message").asText(),
          1);
    }
    return json;
  }
}
