package io.stockroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.SyncHeaders;
import io.stockroom.sync.HttpTransport;
import io.stockroom.sync.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    Transport http = new HttpTransport(base, Duration.ofSeconds(10), Duration.ofSeconds(60));
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
      Transport http, String base, String path, String token, ObjectNode body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put(SyncHeaders.VERSION, Integer.toString(SyncHeaders.SYNC_VERSION));
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    Transport.Response r;
    try {
      r = http.send(new Transport.Request("POST", path, headers, CODEC.write(body)));
    } catch (IOException e) {
      // The transport keeps the interrupt flag set when it gave up because of an interrupt; a
      // timeout (java.net's SocketTimeoutException, itself an InterruptedIOException) is not one.
      if (Thread.currentThread().isInterrupted()) {
        throw new UserError("interrupted", 1);
      }
      if (e.getCause() instanceof IllegalArgumentException) {
        throw new UserError("--server is not a URL: " + base);
      }
      throw new UserError("cannot reach " + base + ": " + e.getMessage(), 3);
    }
    JsonNode json;
    try {
      json = CODEC.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new UserError(base + path + " answered " + r.status() + " without JSON", 1);
    }
    if (r.status() != 200) {
      throw new UserError(
          base + path + " refused (" + r.status() + "): " + json.at("/error/message").asText(), 1);
    }
    return json;
  }
}
