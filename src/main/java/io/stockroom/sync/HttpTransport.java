package io.stockroom.sync;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@link Transport} over {@code java.net.http.HttpClient}, against one server base URL. */
public final class HttpTransport implements Transport {

  private final String baseUrl;
  private final HttpClient http;
  private final Duration timeout;

  public HttpTransport(String baseUrl, Duration connectTimeout, Duration timeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.timeout = timeout;
  }

  public HttpTransport(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(60));
  }

  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public Response send(Request request) throws IOException {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(baseUrl + request.path())).timeout(timeout);
    } catch (IllegalArgumentException e) {
      throw new IOException("not a server address: " + baseUrl, e);
    }
    request.headers().forEach(b::header);
    if ("GET".equals(request.method())) {
      b.GET();
    } else {
      b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    }
    // The request's own timeout ends at the response's headers; a server that then trickles its
    // body would hold the cycle for ever. The whole exchange is bounded instead.
    java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      HttpResponse<byte[]> r =
          exchange.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      Map<String, String> headers = new HashMap<>();
      r.headers().map().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
      return new Response(r.statusCode(), headers, r.body());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (java.util.concurrent.TimeoutException e) {
      exchange.cancel(true);
      throw new SocketTimeoutException(
          "no whole answer from " + baseUrl + " within " + timeout.toSeconds() + " s");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException slow) {
        // The rest of the agent (and the app's words for it) knows only java.net's timeout.
        SocketTimeoutException t = new SocketTimeoutException(slow.getMessage());
        t.initCause(slow);
        throw t;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? e.toString() : cause.toString(), cause);
    }
  }
}
