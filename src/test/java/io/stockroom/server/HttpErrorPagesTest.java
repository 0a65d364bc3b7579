package io.stockroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the HTTP server refuses before any route runs (a broken request line, a bad URI) and
 * wrong methods: each gets the contract's JSON error, never an HTML page (issue 15), and an
 * ordinary request answers right after.
 */
class HttpErrorPagesTest {

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, 1);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Sends raw bytes and returns the status line and the body. */
  static String[] raw(String request) throws IOException {
    URI uri = URI.create(server.url());
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
      }
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      return new String[] {text.lines().findFirst().orElse(""), text.substring(split + 4), text};
    }
  }

  private static void assertJsonError(String[] r, int status) throws IOException {
    assertThat(r[0]).as(r[2]).contains(" " + status + " ");
    assertThat(r[2].toLowerCase()).contains("content-type: application/json");
    JsonNode body = TestServer.CODEC.mapper().readTree(r[1].strip());
    assertThat(body.at("/error/code").asText()).isNotEmpty();
    assertThat(body.at("/error/message").asText()).isNotEmpty();
  }

  @Test
  void aBadContentLengthIsAJsonError() throws IOException {
    assertJsonError(
        raw(
            "POST /api/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n"
                + "Connection: close\r\n\r\n"),
        400);
    assertThat(server.get("/api/health", null).status()).isEqualTo(200);
  }

  @Test
  void aBrokenHeaderIsAJsonError() throws IOException {
    assertJsonError(
        raw("GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\nConnection: close\r\n\r\n"), 400);
  }

  @Test
  void aWrongMethodIs405InJson() throws IOException {
    assertJsonError(
        raw("DELETE /api/sync/push HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405);
    assertJsonError(
        raw(
            "PUT /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        405);
  }

  @Test
  void anUnknownSyncVersionIs426OnEveryRoute() throws IOException {
    for (String path : new String[] {"/api/health", "/api/sync/pull?entity=items", "/nowhere"}) {
      assertJsonError(
          raw(
              "GET "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\nSync-Version: 2\r\nConnection: close\r\n\r\n"),
          426);
    }
  }
}
