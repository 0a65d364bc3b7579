package io.stockroom.server;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsContext;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.Hlc;
import io.stockroom.protocol.ErrorBody;
import io.stockroom.protocol.HealthResponse;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.LoginRequest;
import io.stockroom.protocol.PushRequest;
import io.stockroom.protocol.SyncHeaders;
import io.stockroom.server.auth.AuthService;
import io.stockroom.server.auth.Principal;
import io.stockroom.server.pull.PullService;
import io.stockroom.server.push.PushService;
import io.stockroom.server.store.ServerClock;
import io.stockroom.server.store.StoreUnavailableException;
import io.stockroom.server.wire.ApiError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes and the live WebSocket of PROTOCOL.md on one Javalin app. Handlers only decode,
 * authenticate and hand over to the services; every failure leaves as the contract's JSON error.
 */
final class ServerApp {

  private static final Logger log = LoggerFactory.getLogger(ServerApp.class);
  private static final String JSON = "application/json; charset=utf-8";
  private static final String PRINCIPAL = "stockroom.principal";
  private static final String TOKEN_KEY = "stockroom.token-key";
  private static final String REQUEST_ID = "X-Request-Id";
  private static final Logger REQUESTS = LoggerFactory.getLogger("io.stockroom.server.requests");

  private final JsonCodec codec;
  private final AuthService auth;
  private final io.stockroom.server.auth.Accounts accounts;
  private final PullService pull;
  private final PushService push;
  private final ChangeFeed feed;
  private final ServerClock clock;
  private final java.util.function.BooleanSupplier writerRunning;
  private final java.util.function.BooleanSupplier ready;
  private final SignOuts signOuts;
  private final ServerMetrics metrics;
  private final java.util.Set<String> trustedProxies;

  /** Made at the first request for it: it takes swagger-core a second to load, cold. */
  private volatile String openApi;

  private final org.eclipse.jetty.server.handler.GracefulHandler graceful =
      new org.eclipse.jetty.server.handler.GracefulHandler();

  ServerApp(
      JsonCodec codec,
      AuthService auth,
      PullService pull,
      PushService push,
      ChangeFeed feed,
      ServerClock clock,
      java.util.function.BooleanSupplier writerRunning,
      java.util.function.BooleanSupplier ready,
      io.stockroom.server.auth.Accounts accounts,
      SignOuts signOuts,
      ServerMetrics metrics,
      java.util.Set<String> trustedProxies) {
    this.trustedProxies = trustedProxies;
    this.accounts = accounts;
    this.metrics = metrics;
    this.ready = ready;
    this.signOuts = signOuts;
    this.codec = codec;
    this.auth = auth;
    this.pull = pull;
    this.push = push;
    this.feed = feed;
    this.clock = clock;
    this.writerRunning = writerRunning;
  }

  Javalin create(String host, int port) {
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          config.startup.showOldJavalinVersionWarning = false;
          config.jetty.host = host;
          config.jetty.port = port;
          config.http.maxRequestSize = PushRequest.MAX_BODY_BYTES + 1;
          // A known path with a method it does not take is 405, not 404 (issue 15).
          config.http.prefer405over404 = true;
          // Level 1: pull pages are repetitive JSON, and CPU is what many devices compete for.
          config.http.compressionStrategy = new CompressionStrategy(null, new Gzip(1));
          config.jetty.modifyServer(
              server -> {
                // On stop, Jetty stops taking connections, then waits up to the stop timeout for
                // the requests under way (Javalin puts its own handler inside this one).
                server.setHandler(graceful);
                server.setStopTimeout(5_000);
                server.setErrorHandler(new JsonErrorHandler(codec));
              });
          config.jetty.modifyWebSocketServletFactory(
              factory -> factory.setIdleTimeout(Duration.ofMinutes(2)));

          config.requestLogger.http(this::answered);
          config.routes.before(this::requestId);
          config.routes.before(this::versionAndClock);
          config.routes.after(ctx -> ctx.header(SyncHeaders.HLC, ServerClock.format(clock.now())));

          config.routes.get("/api/health", this::health);
          config.routes.get("/api/ready", this::ready);
          config.routes.get("/metrics", this::metrics);
          config.routes.get("/api/openapi.json", this::openApi);
          config.routes.post("/api/auth/login", this::login);
          config.routes.post("/api/auth/logout", this::logout);
          config.routes.post("/api/admin/revoke-tokens", this::revokeTokens);
          config.routes.post("/api/admin/set-sites", this::setSites);
          config.routes.get("/api/sync/pull", this::pull);
          config.routes.post("/api/sync/push", this::push);
          config.routes.wsBeforeUpgrade("/api/sync/live", this::authorizeLive);
          config.routes.ws(
              "/api/sync/live",
              ws -> {
                ws.onConnect(this::liveConnected);
                ws.onClose(ctx -> feed.unsubscribe(new SessionSink(ctx)));
                ws.onError(ctx -> feed.unsubscribe(new SessionSink(ctx)));
              });

          config.routes.exception(
              ApiError.class,
              (e, ctx) -> {
                if (e.retryAfterSeconds() > 0) {
                  ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                error(ctx, e.status(), e.code(), e.getMessage());
              });
          config.routes.exception(
              HttpResponseException.class,
              (e, ctx) -> error(ctx, e.getStatus(), codeFor(e.getStatus()), e.getMessage()));
          config.routes.exception(StoreUnavailableException.class, (e, ctx) -> unavailable(ctx, e));
          config.routes.exception(DataAccessException.class, (e, ctx) -> unavailable(ctx, e));
          config.routes.exception(
              Exception.class,
              (e, ctx) -> {
                log.error(
                    "unexpected failure on {} {} (request {})",
                    ctx.method(),
                    ctx.path(),
                    ctx.attribute(REQUEST_ID),
                    e);
                error(ctx, 500, "internal_error", "the server failed; the request may be retried");
              });
          config.routes.error(404, ctx -> notFound(ctx));
          config.routes.error(
              405, ctx -> error(ctx, 405, "method_not_allowed", "method not allowed"));
        });
  }

  /**
   * Every request gets an id: the caller's {@code X-Request-Id} when it is a short plain token (a
   * load balancer's), else a new one. It is answered in the same header and names the request in
   * the request log and in any error logged for it.
   */
  private void requestId(Context ctx) {
    String given = ctx.header(REQUEST_ID);
    String id =
        given != null && given.length() <= 64 && given.matches("[A-Za-z0-9._:-]+")
            ? given
            : java.util.UUID.randomUUID().toString();
    ctx.attribute(REQUEST_ID, id);
    ctx.header(REQUEST_ID, id);
  }

  /**
   * One line per answered request in the {@code io.stockroom.server.requests} log, as {@code
   * key=value} pairs; the matched route, never the raw path or query (a live socket's token may be
   * in it). The same figures go to {@code /metrics}.
   */
  private void answered(Context ctx, Float millis) {
    String route = route(ctx);
    int status = ctx.statusCode();
    String method = method(ctx);
    metrics.request(method, route, status, millis);
    if (REQUESTS.isInfoEnabled()) {
      Principal user = ctx.attribute(PRINCIPAL);
      REQUESTS.info(
          "id={} method={} route={} status={} ms={} user={} ip={}",
          (Object) ctx.attribute(REQUEST_ID),
          method,
          route,
          status,
          String.format(java.util.Locale.ROOT, "%.1f", millis),
          user == null ? "-" : user.username(),
          clientAddress(ctx));
    }
  }

  /**
   * The client's address: the connection's, or, when that is a trusted load balancer, the last
   * address its {@code X-Forwarded-For} adds that is not itself a trusted proxy. What the sign-in
   * throttle counts per address, and what the request log shows.
   */
  private String clientAddress(Context ctx) {
    String remote = ctx.req().getRemoteAddr();
    if (trustedProxies.isEmpty() || !trustedProxies.contains(remote)) {
      return remote;
    }
    String forwarded = ctx.header("X-Forwarded-For");
    if (forwarded == null || forwarded.length() > 1_000) {
      return remote;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!ServerConfig.isAddressLiteral(hop)) {
        return remote;
      }
      if (!trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return remote;
  }

  private static final java.util.Set<String> METHODS =
      java.util.Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

  /** The request's method, or {@code OTHER}: a client may send any token as a method. */
  private static String method(Context ctx) {
    String m = ctx.req().getMethod();
    return m != null && METHODS.contains(m) ? m : "OTHER";
  }

  private static String route(Context ctx) {
    try {
      io.javalin.router.Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      return endpoint == null ? "unmatched" : endpoint.path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  /** {@code GET /api/openapi.json}: the contract as OpenAPI 3, no token (PROTOCOL.md). */
  private void openApi(Context ctx) {
    String doc = openApi;
    if (doc == null) {
      doc = OpenApiDocument.json();
      openApi = doc;
    }
    ctx.contentType(JSON);
    ctx.result(doc);
  }

  /** {@code GET /metrics}: Prometheus's text format, no token (PROTOCOL.md). */
  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(metrics.scrape());
  }

  /** HTTP requests under way (the stop waits for them). */
  long inFlight() {
    return graceful.getCurrentRequestCount();
  }

  private void versionAndClock(Context ctx) {
    ctx.header(SyncHeaders.VERSION, Integer.toString(SyncHeaders.SYNC_VERSION));
    checkVersion(ctx.header(SyncHeaders.VERSION));
    Hlc remote = ServerClock.parseOrNull(ctx.header(SyncHeaders.HLC));
    if (remote != null) {
      clock.accept(remote);
    }
  }

  /** 200 while this process can serve; 503 {@code failing} once the writer has stopped. */
  private void health(Context ctx) {
    if (writerRunning.getAsBoolean()) {
      json(ctx, HealthResponse.ok());
    } else {
      ctx.status(503);
      json(ctx, HealthResponse.failing());
    }
  }

  /**
   * 200 while this process can take traffic: its writer runs, its database answers and, on
   * PostgreSQL, it hears the other processes; else 503, and a load balancer sends clients
   * elsewhere.
   */
  private void ready(Context ctx) {
    if (ready.getAsBoolean()) {
      json(ctx, Map.of("status", "ready"));
    } else {
      ctx.status(503);
      json(ctx, Map.of("status", "not_ready"));
    }
  }

  private void login(Context ctx) {
    LoginRequest request = read(ctx, LoginRequest.class);
    // The hashing runs on its own pool: this request thread is free meanwhile (issue 15).
    String from = clientAddress(ctx);
    ctx.future(() -> auth.login(request, from).thenAccept(response -> json(ctx, response)));
  }

  private void logout(Context ctx) {
    String token = bearer(ctx.header("Authorization"));
    auth.authenticate(token);
    auth.logout(token);
    signOuts.deviceSignedOut(AuthService.tokenKey(token));
    json(ctx, Map.of("status", "ok"));
  }

  /**
   * {@code POST /api/admin/revoke-tokens {"username": "..."}} (admins): revokes every token of the
   * user on the running server and closes their live sockets; {@code admin revoke-tokens --server}
   * calls it.
   */
  private void revokeTokens(Context ctx) {
    com.fasterxml.jackson.databind.JsonNode body = adminBody(ctx, "revoke tokens", "");
    AuthService.Revoked revoked = auth.revokeUser(body.get("username").textValue());
    signOuts.revoked(revoked.userId());
    json(ctx, Map.of("status", "ok", "revoked", revoked.tokens()));
  }

  /**
   * The body of an admin call, {@code {"username": "...", ...}}, once the caller is known to be an
   * admin; {@code more} describes its other fields for the error.
   */
  private com.fasterxml.jackson.databind.JsonNode adminBody(Context ctx, String what, String more) {
    if (!principal(ctx).isAdmin()) {
      throw new ApiError(403, "forbidden", "only an admin may " + what);
    }
    com.fasterxml.jackson.databind.JsonNode body =
        read(ctx, com.fasterxml.jackson.databind.JsonNode.class);
    com.fasterxml.jackson.databind.JsonNode name = body == null ? null : body.get("username");
    if (name == null
        || !name.isTextual()
        || name.textValue().isBlank()
        || name.textValue().length() > 100) {
      throw ApiError.badRequest("the body must be {\"username\": \"...\"" + more + "}");
    }
    return body;
  }

  /**
   * {@code POST /api/admin/set-sites {"username": "...", "sites": ["CODE", ...]}} (admins): gives
   * the user exactly these sites on the running server. Their cached sign-ins are forgotten and
   * their live sockets closed, so their laptops reconnect, sync, and remove a site taken away.
   */
  private void setSites(Context ctx) {
    String shape = ", \"sites\": [\"CODE\"]";
    com.fasterxml.jackson.databind.JsonNode body = adminBody(ctx, "change a user's sites", shape);
    com.fasterxml.jackson.databind.JsonNode name = body.get("username");
    com.fasterxml.jackson.databind.JsonNode sites = body.get("sites");
    if (sites == null || !sites.isArray() || sites.size() > 1000) {
      throw ApiError.badRequest("the body must be {\"username\": \"...\"" + shape + "}");
    }
    java.util.List<String> codes = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode c : sites) {
      if (!c.isTextual() || c.textValue().isBlank() || c.textValue().length() > 64) {
        throw ApiError.badRequest("each site is a code of 1 to 64 characters");
      }
      codes.add(c.textValue());
    }
    java.util.UUID user;
    try {
      user = accounts.setSites(name.textValue(), codes);
    } catch (io.stockroom.domain.ValidationException e) {
      throw new ApiError(400, "validation_failed", e.getMessage());
    }
    signOuts.sitesChanged(user);
    json(ctx, Map.of("status", "ok", "sites", codes));
  }

  private void pull(Context ctx) {
    Principal user = principal(ctx);
    String name = ctx.queryParam("entity");
    if (name == null || name.isEmpty()) {
      throw ApiError.badRequest("entity is required");
    }
    EntityType entity =
        EntityType.fromWireName(name)
            .orElseThrow(
                () -> new ApiError(400, "unknown_entity", "unknown entity " + shorten(name)));
    String tokenKey = AuthService.tokenKey(bearer(ctx.header("Authorization")));
    io.stockroom.protocol.PullResponse page =
        pull.pull(user, tokenKey, entity, ctx.queryParam("since"), limit(ctx.queryParam("limit")));
    metrics.pulled(entity, page.records().size() + page.deletions().size());
    json(ctx, page);
  }

  private void push(Context ctx) {
    Principal user = principal(ctx);
    PushRequest request = read(ctx, PushRequest.class);
    io.stockroom.protocol.PushResponse response = push.push(user, request);
    metrics.pushed(response.results());
    json(ctx, response);
  }

  /** Absent is version 1; anything else than this server's version is 426, on every route. */
  private static void checkVersion(String version) {
    if (version != null && !version.strip().equals(Integer.toString(SyncHeaders.SYNC_VERSION))) {
      throw new ApiError(
          426,
          "unsupported_version",
          "this server speaks Sync-Version "
              + SyncHeaders.SYNC_VERSION
              + ", not "
              + shorten(version));
    }
  }

  private void authorizeLive(Context ctx) {
    ctx.header(SyncHeaders.VERSION, Integer.toString(SyncHeaders.SYNC_VERSION));
    checkVersion(ctx.header(SyncHeaders.VERSION));
    String token = bearer(ctx.header("Authorization"));
    if (token == null) {
      token = ctx.queryParam("token");
    }
    ctx.attribute(PRINCIPAL, auth.authenticate(token));
    ctx.attribute(TOKEN_KEY, AuthService.tokenKey(token));
  }

  private void liveConnected(WsContext ctx) {
    Principal user = ctx.attribute(PRINCIPAL);
    if (user == null) {
      ctx.closeSession(1008, "unauthorized");
      return;
    }
    ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
    feed.subscribe(user, ctx.attribute(TOKEN_KEY), new SessionSink(ctx));
  }

  /** A live socket as the feed sees it; equal for the same session so it can be unsubscribed. */
  private record SessionSink(WsContext ctx) implements ChangeFeed.Sink {
    @Override
    public void send(String text, Runnable done) {
      ctx.session.sendText(text, Callback.from(done, failure -> done.run()));
    }

    @Override
    public boolean isOpen() {
      return ctx.session.isOpen();
    }

    @Override
    public void close(String reason) {
      ctx.session.close(1008, reason, Callback.NOOP);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SessionSink s && s.ctx.sessionId().equals(ctx.sessionId());
    }

    @Override
    public int hashCode() {
      return ctx.sessionId().hashCode();
    }
  }

  /** The caller, kept on the request for its log line. */
  private Principal principal(Context ctx) {
    Principal user = auth.authenticate(bearer(ctx.header("Authorization")));
    ctx.attribute(PRINCIPAL, user);
    return user;
  }

  private static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip();
    if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).strip();
    }
    return null;
  }

  private static int limit(String text) {
    if (text == null || text.isEmpty()) {
      return PullService.DEFAULT_LIMIT;
    }
    if (text.length() > 9 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw ApiError.badRequest("limit must be a whole number from 1 to " + PullService.MAX_LIMIT);
    }
    return Integer.parseInt(text);
  }

  private <T> T read(Context ctx, Class<T> type) {
    return RequestBodies.read(codec, ctx, type);
  }

  private void json(Context ctx, Object value) {
    ctx.contentType(JSON).result(codec.write(value));
  }

  private void error(Context ctx, int status, String code, String message) {
    ctx.status(status).contentType(JSON).result(codec.write(ErrorBody.of(code, message)));
  }

  private void notFound(Context ctx) {
    if (ctx.result() == null || ctx.result().isEmpty()) {
      error(ctx, 404, "not_found", "no such endpoint: " + shorten(ctx.path()));
    }
  }

  private void unavailable(Context ctx, Exception e) {
    log.warn("database trouble on {} {}: {}", ctx.method(), ctx.path(), e.toString());
    error(ctx, 503, "unavailable", "the server's database is unavailable; retry later");
  }

  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_encoding";
      case 426 -> "unsupported_version";
      case 500 -> "internal_error";
      case 503 -> "unavailable";
      default -> "http_" + status;
    };
  }

  private static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
