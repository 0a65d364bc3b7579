package io.stockroom.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HTTP relay in front of a sync server that holds every request matching {@code hold} until
 * {@link #release()}: a sync through it stays in progress, at a known point, for as long as a test
 * needs to look at it. The live channel (a WebSocket) is not relayed; the app falls back to
 * pulling, as behind any proxy that refuses it.
 */
final class HeldProxy implements AutoCloseable {

  private static final Set<String> NOT_FORWARDED =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  private final String target;
  private final Predicate<String> hold;
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch reached = new CountDownLatch(1);
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final HttpServer server;

  /** Relays to {@code target} (a base URL); holds requests whose path and query match. */
  HeldProxy(String target, Predicate<String> hold) throws IOException {
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    this.hold = hold;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::relay);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Waits until a request is held; false when none came within the time. */
  boolean awaitHeld(long seconds) throws InterruptedException {
    return reached.await(seconds, TimeUnit.SECONDS);
  }

  /** Lets the held requests, and every later one, through. */
  void release() {
    released.countDown();
  }

  private void relay(HttpExchange ex) throws IOException {
    try {
      String pathAndQuery = ex.getRequestURI().toString();
      if (pathAndQuery.startsWith("/api/sync/live")) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      if (hold.test(pathAndQuery) && released.getCount() > 0) {
        reached.countDown();
        if (!released.await(120, TimeUnit.SECONDS)) {
          ex.sendResponseHeaders(504, -1);
          return;
        }
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(target + pathAndQuery))
              .method(
                  ex.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(v -> b.header(name, v));
                }
              });
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      r.headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  ex.getResponseHeaders().put(name, List.copyOf(values));
                }
              });
      byte[] answer = r.body();
      ex.sendResponseHeaders(r.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(answer);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
