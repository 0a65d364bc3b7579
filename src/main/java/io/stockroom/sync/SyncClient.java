package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Hlc;
import io.stockroom.protocol.ErrorBody;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.LoginRequest;
import io.stockroom.protocol.LoginResponse;
import io.stockroom.protocol.Mutation;
import io.stockroom.protocol.PullResponse;
import io.stockroom.protocol.PushRequest;
import io.stockroom.protocol.PushResponse;
import io.stockroom.protocol.SyncHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * PROTOCOL.md over a {@link Transport}: login, pull, push. Bodies over 10 KB go gzipped; responses
 * are asked gzipped. Every response's {@code Sync-Hlc} is handed to {@code clockSink} so the local
 * clock moves past the server's. Counts the bytes that cross the wire.
 */
public final class SyncClient {

  /** Request bodies larger than this are gzipped. */
  public static final int GZIP_ABOVE = 10 * 1024;

  private final JsonCodec codec;
  private final Supplier<Hlc> localClock;
  private final Consumer<Hlc> clockSink;
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private volatile Transport transport;
  private volatile String token;

  public SyncClient(
      Transport transport, JsonCodec codec, Supplier<Hlc> localClock, Consumer<Hlc> clockSink) {
    this.transport = transport;
    this.codec = codec;
    this.localClock = localClock;
    this.clockSink = clockSink;
  }

  /** Points the client at another server (or none) and token (or none). */
  public void configure(Transport t, String bearer) {
    this.transport = t;
    this.token = bearer;
  }

  public void setToken(String bearer) {
    this.token = bearer;
  }

  public boolean configured() {
    return transport != null && token != null;
  }

  public long bytesSent() {
    return bytesSent.get();
  }

  public long bytesReceived() {
    return bytesReceived.get();
  }

  public LoginResponse login(String user, String password, String device) throws SyncException {
    byte[] body = codec.write(new LoginRequest(user, password, device));
    LoginResponse r = read(call("POST", "/api/auth/login", body, false), LoginResponse.class);
    if (r.token() == null || r.token().isBlank() || r.token().length() > 200) {
      throw malformed("a sign-in answer without a token");
    }
    if (r.sites() != null
        && r.sites().stream().anyMatch(x -> x == null || x.id() == null || x.code() == null)) {
      throw malformed("a sign-in answer with a site that has no id or code");
    }
    return r;
  }

  public void logout() throws SyncException {
    String bearer = token;
    if (bearer != null) {
      REVOKED_HERE.add(bearer);
    }
    observe(call("POST", "/api/auth/logout", new byte[0], true));
  }

  /**
   * Tokens this process revoked itself (a sign-out, a sign-in replacing an older one). A request
   * still under way with one of them is answered {@code token_revoked}: that is this laptop signing
   * out, not a device reported stolen, and must not empty it of its sites.
   */
  private static final java.util.Set<String> REVOKED_HERE =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public PullResponse pull(EntityType entity, String cursor, int limit) throws SyncException {
    StringBuilder path = new StringBuilder("/api/sync/pull?entity=").append(entity.wireName());
    if (cursor != null && !cursor.isEmpty()) {
      path.append("&since=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }
    path.append("&limit=").append(limit);
    PullResponse page =
        read(call("GET", path.toString(), null, true), json -> codec.readPull(json, entity));
    if (page.cursor() == null || (page.hasMore() && page.cursor().equals(cursor))) {
      // Pulling again with the same cursor would get the same page, for ever.
      throw malformed("a pull page of " + entity.wireName() + " that does not move its cursor on");
    }
    return page;
  }

  public PushResponse push(List<Mutation> mutations) throws SyncException {
    byte[] body = codec.write(new PushRequest(mutations));
    PushResponse r =
        read(call("POST", "/api/sync/push", body, true), json -> codec.readPush(json, mutations));
    if (r.results() == null || r.results().size() != mutations.size()) {
      throw malformed("a push answer without one result per mutation");
    }
    return r;
  }

  /**
   * A server answer that breaks the protocol: an error, not a reason to retry at once (the same
   * server would answer the same), and the queue stays as it is.
   */
  private static SyncException malformed(String what) {
    return new SyncException(
        SyncException.Kind.PROTOCOL,
        200,
        "protocol_error",
        "the server sent " + what + ": is this a Stockroom server of a matching version?",
        null);
  }

  /**
   * Parses a successful answer, then lets the local clock see the server's. In that order: the
   * clock persists what it saw in a local transaction, which may have to wait for a page being
   * applied, and the parse need not wait with it.
   */
  private <T> T read(Answer answer, Class<T> type) throws SyncException {
    return read(answer, json -> codec.read(json, type));
  }

  /** How an answer's body becomes a value. */
  @FunctionalInterface
  private interface Decoder<T> {
    T decode(byte[] json) throws IOException;
  }

  private <T> T read(Answer answer, Decoder<T> decoder) throws SyncException {
    T parsed;
    try {
      parsed = decoder.decode(answer.payload());
    } catch (IOException | RuntimeException e) {
      // A garbled answer (cut short on the way) is worth another try.
      throw new SyncException(
          SyncException.Kind.TRANSIENT, 200, "bad_response", "unreadable answer: " + e, null);
    } finally {
      observe(answer);
    }
    return parsed;
  }

  /** A successful answer's body and its {@code Sync-Hlc} header (or null). */
  private record Answer(byte[] payload, String hlc) {}

  private void observe(Answer answer) {
    observe(answer.hlc());
  }

  private void observe(String hlc) {
    if (hlc != null) {
      try {
        clockSink.accept(Hlc.parse(hlc));
      } catch (IllegalArgumentException ignored) {
        // A clock we cannot read is not worth failing the exchange for.
      }
    }
  }

  private Answer call(String method, String path, byte[] body, boolean auth) throws SyncException {
    Transport t = transport;
    if (t == null) {
      throw new SyncException(
          SyncException.Kind.UNAUTHORIZED, 0, "not_configured", "no sync server set up", null);
    }
    Map<String, String> headers = new HashMap<>();
    headers.put(SyncHeaders.VERSION, Integer.toString(SyncHeaders.SYNC_VERSION));
    headers.put("Accept-Encoding", "gzip");
    headers.put(SyncHeaders.HLC, localClock.get().toString());
    if (auth) {
      String bearer = token;
      if (bearer == null) {
        throw new SyncException(
            SyncException.Kind.UNAUTHORIZED, 401, "signed_out", "not signed in", null);
      }
      headers.put("Authorization", "Bearer " + bearer);
    }
    byte[] wire = body;
    if (body != null) {
      headers.put("Content-Type", "application/json");
      if (body.length > GZIP_ABOVE) {
        wire = gzip(body);
        headers.put("Content-Encoding", "gzip");
      }
    }
    Transport.Response r;
    try {
      r = t.send(new Transport.Request(method, path, headers, wire));
    } catch (IOException e) {
      throw SyncException.network(e);
    } finally {
      bytesSent.addAndGet(wire == null ? 0 : wire.length);
    }
    bytesReceived.addAndGet(r.body().length);
    String hlc = r.header(SyncHeaders.HLC);
    byte[] payload;
    try {
      payload = "gzip".equalsIgnoreCase(r.header("Content-Encoding")) ? gunzip(r.body()) : r.body();
    } catch (IOException e) {
      observe(hlc);
      throw SyncException.network(e);
    }
    int status = r.status();
    if (status >= 200 && status < 300) {
      return new Answer(payload, hlc);
    }
    observe(hlc);
    String code = "http_" + status;
    String message = "HTTP " + status;
    // Not the contract's error body (a proxy's page): the status says enough.
    Optional<ErrorBody.Detail> error = codec.readError(payload);
    if (error.isPresent() && error.get().code() != null) {
      code = error.get().code();
      message = error.get().message() != null ? error.get().message() : message;
    }
    SyncException.Kind kind;
    if (status == 401) {
      kind = SyncException.Kind.UNAUTHORIZED;
      String sent = headers.get("Authorization");
      if (ErrorBody.TOKEN_REVOKED.equals(code)
          && sent != null
          && REVOKED_HERE.contains(sent.substring("Bearer ".length()))) {
        code = "signed_out";
      }
    } else if (status == 410) {
      kind = SyncException.Kind.CURSOR_EXPIRED;
    } else if (status == 429 || status == 408 || status >= 500) {
      kind = SyncException.Kind.TRANSIENT;
    } else {
      kind = SyncException.Kind.REJECTED;
    }
    throw new SyncException(kind, status, code, message, retryAfter(r.header("Retry-After")));
  }

  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }
}
