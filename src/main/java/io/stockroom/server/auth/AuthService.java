package io.stockroom.server.auth;

import static io.stockroom.server.store.jooq.Tables.SITES;
import static io.stockroom.server.store.jooq.Tables.TOKENS;
import static io.stockroom.server.store.jooq.Tables.USERS;
import static io.stockroom.server.store.jooq.Tables.USER_SITES;

import io.stockroom.protocol.LoginRequest;
import io.stockroom.protocol.LoginResponse;
import io.stockroom.server.ApiError;
import io.stockroom.server.store.ServerStore;
import io.stockroom.server.store.jooq.tables.records.UsersRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in, bearer tokens and sign-out. A token is 32 random bytes shown to the client once; the
 * server keeps only its SHA-256. A signed-in principal is cached for a few seconds per token so a
 * busy device does not cost three queries a request; sign-out on this server drops it at once.
 */
public final class AuthService {

  private static final long CACHE_NANOS = 5_000_000_000L;

  private final ServerStore store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final String dummyHash;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Principal principal, long expiresAt) {}

  public AuthService(ServerStore store, PasswordHasher hasher, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.dummyHash = hasher.hash("not a password");
  }

  public LoginResponse login(LoginRequest request) {
    if (request == null || request.username() == null || request.password() == null) {
      throw ApiError.badRequest("username and password are required");
    }
    UsersRecord user =
        store.read(
            dsl ->
                dsl.selectFrom(USERS)
                    .where(USERS.USERNAME_KEY.eq(usernameKey(request.username())))
                    .fetchOne());
    // Hash even for an unknown user, so the answer takes as long either way.
    boolean ok =
        hasher.matches(request.password(), user == null ? dummyHash : user.getPasswordHash());
    if (user == null || !ok) {
      throw new ApiError(401, "invalid_credentials", "wrong username or password");
    }
    String token = newToken();
    String device = request.deviceName();
    if (device != null && device.length() > 200) {
      device = device.substring(0, 200);
    }
    String deviceName = device;
    store.writeUnversioned(
        dsl ->
            dsl.insertInto(TOKENS)
                .set(TOKENS.TOKEN_HASH, hash(token))
                .set(TOKENS.USER_ID, user.getId())
                .set(TOKENS.DEVICE_NAME, deviceName)
                .set(TOKENS.CREATED_AT, clock.instant().truncatedTo(ChronoUnit.MILLIS))
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

  /** The principal of a bearer token; missing, unknown or revoked -> 401. */
  public Principal authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      throw ApiError.unauthorized("sign in first: a bearer token is required");
    }
    String key = hash(token);
    Cached cached = cache.get(key);
    long now = System.nanoTime();
    if (cached != null && cached.expiresAt - now > 0) {
      return cached.principal;
    }
    UsersRecord user =
        store.read(
            dsl ->
                dsl.select(USERS.fields())
                    .from(TOKENS)
                    .join(USERS)
                    .on(USERS.ID.eq(TOKENS.USER_ID))
                    .where(TOKENS.TOKEN_HASH.eq(key))
                    .and(TOKENS.REVOKED_AT.isNull())
                    .fetchOneInto(USERS));
    if (user == null) {
      cache.remove(key);
      throw ApiError.unauthorized("the token is unknown or revoked");
    }
    Principal principal = principal(user);
    cache.put(key, new Cached(principal, now + CACHE_NANOS));
    return principal;
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
