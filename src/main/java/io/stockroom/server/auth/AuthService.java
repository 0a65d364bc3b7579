package io.stockroom.server.auth;

import static io.stockroom.server.store.jooq.Tables.SITES;
import static io.stockroom.server.store.jooq.Tables.TOKENS;
import static io.stockroom.server.store.jooq.Tables.USERS;
import static io.stockroom.server.store.jooq.Tables.USER_SITES;

import io.stockroom.protocol.LoginRequest;
import io.stockroom.protocol.LoginResponse;
import io.stockroom.server.store.ServerStore;
import io.stockroom.server.store.jooq.tables.records.UsersRecord;
import io.stockroom.server.wire.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sign-in, bearer tokens and sign-out. A token is 32 random bytes shown to the client once; the
 * server keeps only its SHA-256. A signed-in principal is cached for a few seconds per token so a
 * busy device does not cost three queries a request; sign-out or revocation on this server drops it
 * at once.
 *
 * <p>Issue 15: password hashing runs on its own small pool, never on the HTTP threads, so a burst
 * of sign-ins queues there while syncs go on; failed sign-ins are throttled per user name and per
 * address ({@link LoginThrottle}); a hash made with fewer iterations than today's is replaced at
 * the next good sign-in; a token unused for {@code tokenIdle} expires ({@code 401 token_expired}),
 * each use renewing it.
 */
public final class AuthService implements AutoCloseable {

  private static final long CACHE_NANOS = 5_000_000_000L;
  private static final int HASH_QUEUE = 256;

  private final ServerStore store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Duration tokenIdle;
  private final LoginThrottle throttle;
  private final SecureRandom random = new SecureRandom();
  private final String dummyHash;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor hashing;

  private record Cached(Principal principal, long expiresAt, Instant lastUse) {}

  public AuthService(ServerStore store, PasswordHasher hasher, Clock clock, Duration tokenIdle) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.tokenIdle = tokenIdle;
    this.throttle = new LoginThrottle(store, clock);
    this.dummyHash = hasher.hash("not a password");
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    AtomicInteger n = new AtomicInteger();
    this.hashing =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(HASH_QUEUE),
            r -> {
              Thread t = new Thread(r, "stockroom-password-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Signs in on the hashing pool; the future fails with an {@link ApiError} (400, 401, 429, 503).
   */
  public CompletableFuture<LoginResponse> login(LoginRequest request, String address) {
    if (request == null || request.username() == null || request.password() == null) {
      throw ApiError.badRequest("username and password are required");
    }
    if (request.username().length() > 100 || request.password().length() > 1000) {
      throw new ApiError(401, "invalid_credentials", "wrong username or password");
    }
    String userKey = usernameKey(request.username());
    String from = address == null ? "" : address;
    throttle.attempt(userKey, from);
    try {
      return CompletableFuture.supplyAsync(() -> signIn(request, userKey, from), hashing);
    } catch (RejectedExecutionException e) {
      throw new ApiError(
          503, "unavailable", "too many sign-ins at once; try again in a few seconds", 2);
    }
  }

  private LoginResponse signIn(LoginRequest request, String userKey, String address) {
    UsersRecord user =
        store.read(dsl -> dsl.selectFrom(USERS).where(USERS.USERNAME_KEY.eq(userKey)).fetchOne());
    // Hash even for an unknown user, so the answer takes as long either way.
    String stored = user == null ? dummyHash : user.getPasswordHash();
    boolean ok = hasher.matches(request.password(), stored);
    if (user == null || !ok) {
      throw new ApiError(401, "invalid_credentials", "wrong username or password");
    }
    throttle.succeeded(userKey, address);
    if (hasher.needsRehash(stored)) {
      String upgraded = hasher.hash(request.password());
      store.writeUnversioned(
          dsl ->
              dsl.update(USERS)
                  .set(USERS.PASSWORD_HASH, upgraded)
                  .where(USERS.ID.eq(user.getId()))
                  .and(USERS.PASSWORD_HASH.eq(stored))
                  .execute());
    }
    String token = newToken();
    String device = request.deviceName();
    if (device != null && device.length() > 200) {
      device = device.substring(0, 200);
    }
    String deviceName = device;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    store.writeUnversioned(
        dsl ->
            dsl.insertInto(TOKENS)
                .set(TOKENS.TOKEN_HASH, hash(token))
                .set(TOKENS.USER_ID, user.getId())
                .set(TOKENS.DEVICE_NAME, deviceName)
                .set(TOKENS.CREATED_AT, now)
                .set(TOKENS.LAST_USED_AT, now)
                .execute());
    Principal principal = principal(user);
    List<LoginResponse.SiteInfo> sites =
        store.read(
            dsl ->
                dsl.select(SITES.ID, SITES.CODE, SITES.NAME)
                    .from(SITES)
                    .where(SITES.IS_DELETED.isFalse())
                    .and(
                        principal.isAdmin()
                            ? org.jooq.impl.DSL.trueCondition()
                            : SITES.ID.in(principal.siteIds()))
                    .orderBy(SITES.CODE)
                    .fetch(r -> new LoginResponse.SiteInfo(r.value1(), r.value2(), r.value3())));
    return new LoginResponse(
        token, new LoginResponse.UserInfo(user.getId(), user.getUsername(), user.getRole()), sites);
  }

  /**
   * The principal of a bearer token; missing, unknown or revoked -> 401; unused too long -> 401.
   */
  public Principal authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      throw ApiError.unauthorized("sign in first: a bearer token is required");
    }
    String key = hash(token);
    Cached cached = cache.get(key);
    long nanos = System.nanoTime();
    // A cached use counts until the stored last use is due to move (then the query below renews
    // it); that is well inside the idle limit, so a cached token is never an expired one.
    if (cached != null
        && cached.expiresAt - nanos > 0
        && Duration.between(cached.lastUse(), clock.instant()).compareTo(renewEvery()) <= 0) {
      return cached.principal;
    }
    // One query, as before expiry existed: the token's last use and its user.
    org.jooq.Record t = tokenRow(key);
    if (t == null) {
      cache.remove(key);
      throw ApiError.unauthorized("the token is unknown: sign in");
    }
    if (t.get(TOKENS.REVOKED_AT) != null) {
      // Said apart from an unknown token: a laptop told this removes the server's sites from its
      // disk (a device reported stolen), holding back its unsynced changes first.
      cache.remove(key);
      throw new ApiError(
          401,
          io.stockroom.protocol.ErrorBody.TOKEN_REVOKED,
          "this device's sign-in was revoked (signed out, or by an admin): sign in");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant stored = t.get(TOKENS.LAST_USED_AT);
    // Null: a token from before expiry existed; its first use now starts its window.
    Instant lastUse = stored != null ? stored : Instant.EPOCH;
    if (stored != null && lastUse.plus(tokenIdle).isBefore(now)) {
      cache.remove(key);
      throw new ApiError(
          401, "token_expired", "the token was not used for too long: sign in again");
    }
    boolean renewed = Duration.between(lastUse, now).compareTo(renewEvery()) > 0;
    if (renewed) {
      // The sliding window moves; not forced to disk (a crash only makes it expire a bit sooner).
      store
          .dsl()
          .update(TOKENS)
          .set(TOKENS.LAST_USED_AT, now)
          .where(TOKENS.TOKEN_HASH.eq(key))
          .execute();
    }
    UsersRecord user = t.into(USERS);
    Principal principal = principal(user);
    cache.put(key, new Cached(principal, nanos + CACHE_NANOS, renewed ? now : lastUse));
    return principal;
  }

  /**
   * The principal the token stored under {@code tokenKey} acts for now, as a request would see it
   * (the same cache, so a request and this agree); empty when the token is unknown, revoked or
   * expired. Counts as no use of the token. For the live feed, which must not send a device rows of
   * sites it no longer has, or any to a device signed out elsewhere (decision record 0049).
   */
  public java.util.Optional<Principal> current(String tokenKey) {
    Cached cached = cache.get(tokenKey);
    if (cached != null && cached.expiresAt - System.nanoTime() > 0) {
      return java.util.Optional.of(cached.principal);
    }
    org.jooq.Record t = tokenRow(tokenKey);
    if (t == null || t.get(TOKENS.REVOKED_AT) != null) {
      return java.util.Optional.empty();
    }
    Instant stored = t.get(TOKENS.LAST_USED_AT);
    if (stored != null && stored.plus(tokenIdle).isBefore(clock.instant())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(principal(t.into(USERS)));
  }

  /** A token's last use and revocation with its user's row, in one query; null when unknown. */
  private org.jooq.Record tokenRow(String tokenKey) {
    return store.read(
        dsl ->
            dsl.select(TOKENS.LAST_USED_AT, TOKENS.REVOKED_AT)
                .select(USERS.fields())
                .from(TOKENS)
                .join(USERS)
                .on(USERS.ID.eq(TOKENS.USER_ID))
                .where(TOKENS.TOKEN_HASH.eq(tokenKey))
                .fetchOne());
  }

  /** How stale the stored last use may get before a use writes it again. */
  private Duration renewEvery() {
    Duration tenth = tokenIdle.dividedBy(10);
    return tenth.compareTo(Duration.ofHours(1)) < 0 ? tenth : Duration.ofHours(1);
  }

  /**
   * Revokes every live token of {@code username} on this running server (the admin API): the cache
   * forgets them at once. Returns the user's id and how many tokens were revoked.
   */
  public Revoked revokeUser(String username) {
    String userKey = usernameKey(username);
    UUID userId =
        store.read(
            dsl ->
                dsl.select(USERS.ID)
                    .from(USERS)
                    .where(USERS.USERNAME_KEY.eq(userKey))
                    .fetchOne(USERS.ID));
    if (userId == null) {
      throw new ApiError(404, "not_found", "no user " + username);
    }
    int n =
        store.writeUnversioned(
            dsl ->
                dsl.update(TOKENS)
                    .set(TOKENS.REVOKED_AT, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                    .where(TOKENS.USER_ID.eq(userId))
                    .and(TOKENS.REVOKED_AT.isNull())
                    .execute());
    cache.values().removeIf(c -> c.principal().userId().equals(userId));
    return new Revoked(userId, n);
  }

  /** Forgets the cached sign-ins of a user whose sites changed: their next request reads them. */
  public void forget(UUID userId) {
    cache.values().removeIf(c -> c.principal().userId().equals(userId));
  }

  /** Forgets the cached sign-in of one token (it signed out on another server process). */
  public void forgetToken(String tokenKey) {
    cache.remove(tokenKey);
  }

  /** Forgets every cached sign-in: the next request of each device reads its token again. */
  public void forgetAll() {
    cache.clear();
  }

  /** Deletes failed sign-in counts whose window has passed (the maintenance). */
  public int forgetOldFailures() {
    return throttle.forgetOld();
  }

  /** What {@link #revokeUser} did. */
  public record Revoked(UUID userId, int tokens) {}

  /** The key a token is stored and tracked under (its SHA-256). */
  public static String tokenKey(String token) {
    return hash(token);
  }

  @Override
  public void close() {
    hashing.shutdownNow();
  }

  /** Revokes {@code token}; an unknown one is already as good as revoked. */
  public void logout(String token) {
    String key = hash(token);
    cache.remove(key);
    store.writeUnversioned(
        dsl ->
            dsl.update(TOKENS)
                .set(TOKENS.REVOKED_AT, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .where(TOKENS.TOKEN_HASH.eq(key))
                .and(TOKENS.REVOKED_AT.isNull())
                .execute());
  }

  private Principal principal(UsersRecord user) {
    Set<UUID> sites =
        new HashSet<>(
            store.read(
                dsl ->
                    dsl.select(USER_SITES.SITE_ID)
                        .from(USER_SITES)
                        .where(USER_SITES.USER_ID.eq(user.getId()))
                        .fetch(USER_SITES.SITE_ID)));
    Role role = Role.fromWireName(user.getRole()).orElse(Role.STAFF);
    return new Principal(user.getId(), user.getUsername(), role, sites);
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String usernameKey(String username) {
    return username.strip().toLowerCase(Locale.ROOT);
  }
}
