package io.stockroom.server.auth;

import static io.stockroom.server.store.jooq.Tables.SITES;
import static io.stockroom.server.store.jooq.Tables.TOKENS;
import static io.stockroom.server.store.jooq.Tables.USERS;
import static io.stockroom.server.store.jooq.Tables.USER_SITES;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ValidationException;
import io.stockroom.server.store.ServerStore;
import io.stockroom.server.store.WriteTx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Users, their sites and tokens, as the admin command and the demo seeder manage them. */
public final class Accounts {

  private final ServerStore store;
  private final PasswordHasher hasher;
  private final IdGenerator ids;
  private final Clock clock;

  public Accounts(ServerStore store, PasswordHasher hasher, IdGenerator ids, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.ids = ids;
    this.clock = clock;
  }

  public record UserSummary(String username, String role, List<String> sites) {}

  /** Creates a site and returns its id; a taken code is refused. */
  public UUID createSite(String code, String name) {
    String c = requireText("code", code, 64);
    String n = name == null || name.isBlank() ? c : requireText("name", name, 200);
    return store.write(w -> insertSite(w, c, n));
  }

  private UUID insertSite(WriteTx w, String code, String name) {
    String key = code.toLowerCase(Locale.ROOT);
    if (w.dsl().fetchExists(SITES, SITES.CODE_KEY.eq(key))) {
      throw new ValidationException("code", "a site with code " + code + " exists already");
    }
    UUID id = ids.next();
    Instant now = now();
    long version = w.nextVersion();
    w.dsl()
        .insertInto(SITES)
        .set(SITES.ID, id)
        .set(SITES.VERSION, version)
        .set(SITES.CREATED_AT, now)
        .set(SITES.UPDATED_AT, now)
        .set(SITES.IS_DELETED, false)
        .set(SITES.CODE, code)
        .set(SITES.CODE_KEY, key)
        .set(SITES.NAME, name)
        .execute();
    w.changed(EntityType.SITES, id, version);
    return id;
  }

  /** Creates a user with a role and sites (by code, which must exist). */
  public UUID createUser(String username, Role role, List<String> siteCodes, String password) {
    String name = requireText("username", username, 100);
    io.stockroom.domain.Password.check(password);
    String hash = hasher.hash(password);
    return store.write(
        w -> {
          String key = AuthService.usernameKey(name);
          if (w.dsl().fetchExists(USERS, USERS.USERNAME_KEY.eq(key))) {
            throw new ValidationException("username", "user " + name + " exists already");
          }
          List<UUID> siteIds = siteIds(w, siteCodes);
          UUID id = ids.next();
          w.dsl()
              .insertInto(USERS)
              .set(USERS.ID, id)
              .set(USERS.USERNAME, name)
              .set(USERS.USERNAME_KEY, key)
              .set(USERS.PASSWORD_HASH, hash)
              .set(USERS.ROLE, role.wireName())
              .set(USERS.CREATED_AT, now())
              .execute();
          for (UUID site : siteIds) {
            w.dsl()
                .insertInto(USER_SITES)
                .set(USER_SITES.USER_ID, id)
                .set(USER_SITES.SITE_ID, site)
                .onDuplicateKeyIgnore()
                .execute();
          }
          return id;
        });
  }

  /** The ids of live sites by code; an unknown code is a validation error. */
  private static List<UUID> siteIds(WriteTx w, List<String> siteCodes) {
    List<UUID> siteIds = new ArrayList<>();
    for (String code : siteCodes) {
      UUID site =
          w.dsl()
              .select(SITES.ID)
              .from(SITES)
              .where(SITES.CODE_KEY.eq(code.strip().toLowerCase(Locale.ROOT)))
              .and(SITES.IS_DELETED.isFalse())
              .fetchOne(SITES.ID);
      if (site == null) {
        throw new ValidationException("sites", "no site with code " + code.strip());
      }
      siteIds.add(site);
    }
    return siteIds;
  }

  /**
   * Gives a user exactly these sites (by code), taking away the others: the laptops of a user taken
   * off a site remove it at their next sync, holding back its unsynced changes. Returns the user's
   * id. A staff member keeps at least one site.
   */
  public UUID setSites(String username, List<String> siteCodes) {
    String key = AuthService.usernameKey(requireText("username", username, 100));
    if (siteCodes.size() > 1000) {
      throw new ValidationException("sites", "more than 1000 sites");
    }
    return store.write(
        w -> {
          org.jooq.Record2<UUID, String> user =
              w.dsl()
                  .select(USERS.ID, USERS.ROLE)
                  .from(USERS)
                  .where(USERS.USERNAME_KEY.eq(key))
                  .fetchOne();
          if (user == null) {
            throw new ValidationException("username", "no user " + username);
          }
          List<UUID> sites = siteIds(w, siteCodes);
          if (sites.isEmpty() && !Role.ADMIN.wireName().equals(user.value2())) {
            throw new ValidationException(
                "sites", "staff need at least one site: --sites CODE[,CODE]");
          }
          w.dsl().deleteFrom(USER_SITES).where(USER_SITES.USER_ID.eq(user.value1())).execute();
          for (UUID site : sites) {
            w.dsl()
                .insertInto(USER_SITES)
                .set(USER_SITES.USER_ID, user.value1())
                .set(USER_SITES.SITE_ID, site)
                .onDuplicateKeyIgnore()
                .execute();
          }
          return user.value1();
        });
  }

  /** Revokes every live token of a user; returns how many. */
  public AuthService.Revoked revokeTokens(String username) {
    String key = AuthService.usernameKey(requireText("username", username, 100));
    return store.write(
        w -> {
          UUID user =
              w.dsl()
                  .select(USERS.ID)
                  .from(USERS)
                  .where(USERS.USERNAME_KEY.eq(key))
                  .fetchOne(USERS.ID);
          if (user == null) {
            throw new ValidationException("username", "no user " + username);
          }
          int n =
              w.dsl()
                  .update(TOKENS)
                  .set(TOKENS.REVOKED_AT, now())
                  .where(TOKENS.USER_ID.eq(user))
                  .and(TOKENS.REVOKED_AT.isNull())
                  .execute();
          return new AuthService.Revoked(user, n);
        });
  }

  public List<UserSummary> listUsers() {
    return store.read(
        dsl ->
            dsl.selectFrom(USERS).orderBy(USERS.USERNAME_KEY).fetch().stream()
                .map(
                    u ->
                        new UserSummary(
                            u.getUsername(),
                            u.getRole(),
                            dsl.select(SITES.CODE)
                                .from(USER_SITES)
                                .join(SITES)
                                .on(SITES.ID.eq(USER_SITES.SITE_ID))
                                .where(USER_SITES.USER_ID.eq(u.getId()))
                                .orderBy(SITES.CODE)
                                .fetch(SITES.CODE)))
                .toList());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String requireText(String field, String value, int max) {
    String t = value == null ? "" : value.strip();
    if (t.isEmpty()) {
      throw new ValidationException(field, field + " must not be empty");
    }
    if (t.length() > max) {
      throw new ValidationException(field, field + " is longer than " + max + " characters");
    }
    if (t.chars().anyMatch(Character::isISOControl)) {
      throw new ValidationException(field, field + " contains a control character");
    }
    return t;
  }
}
