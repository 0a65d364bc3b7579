package io.stockroom.server;

import io.javalin.Javalin;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.server.auth.Accounts;
import io.stockroom.server.auth.AuthService;
import io.stockroom.server.auth.PasswordHasher;
import io.stockroom.server.pull.PullService;
import io.stockroom.server.push.PushService;
import io.stockroom.server.store.MaintenanceLease;
import io.stockroom.server.store.Notifications;
import io.stockroom.server.store.ServerClock;
import io.stockroom.server.store.ServerDatabase;
import io.stockroom.server.store.ServerStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync server's composition root: builds every part with constructors, owns the database, the
 * HTTP server, the change feed and the purge schedule, and stops them all in {@link #close()}.
 */
public final class StockroomServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StockroomServer.class);

  private final ServerDatabase database;
  private final ChangeFeed feed;
  private final Notifications others;
  private final ServerStore store;
  private final Accounts accounts;
  private final Seeder seeder;
  private final TombstonePurger purger;
  private final MaintenanceLease lease;
  private final ScheduledExecutorService housekeeping;
  private final Javalin http;
  private final AuthService auth;
  private final String host;
  private final SignOuts signOuts;
  private final ServerApp app;
  private volatile boolean closed;

  private StockroomServer(ServerConfig config, ServerDatabase database) {
    this.database = database;
    JsonCodec codec = new JsonCodec();
    this.feed = new ChangeFeed(codec);
    this.others = Notifications.of(database);
    this.store = new ServerStore(database, feed, others);
    PasswordHasher hasher = new PasswordHasher(config.passwordIterations());
    ServerClock clock = new ServerClock(config.clock(), config.maxClockDrift().toMillis());
    this.accounts = new Accounts(store, hasher, config.ids(), config.clock());
    this.seeder = new Seeder(store, accounts, config.ids(), config.clock(), clock);
    this.purger = new TombstonePurger(store, config.clock(), config.tombstoneRetention());
    this.lease = new MaintenanceLease(database);
    this.auth = new AuthService(store, hasher, config.clock(), config.tokenIdle());
    PullService pull = new PullService(store);
    feed.carryRows(pull, auth::current);
    this.signOuts = new SignOuts(auth, feed, pull, others);
    ServerMetrics metrics = new ServerMetrics(feed, others);
    database.measure(metrics.registry());
    ServerApp app =
        new ServerApp(
            codec,
            auth,
            pull,
            new PushService(store, clock, config.clock(), config.ids(), codec),
            feed,
            clock,
            store::writerRunning,
            this::ready,
            accounts,
            signOuts,
            metrics,
            config.trustedProxies());
    this.app = app;
    this.host = config.host();
    this.http = app.create(config.host(), config.port());
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "stockroom-housekeeping");
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens the store (migrating it) without serving HTTP yet. */
  public static StockroomServer open(ServerConfig config) {
    ServerDatabase db =
        config.dbUrl() != null
            ? ServerDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword())
            : ServerDatabase.h2(config.dataDir());
    try {
      return new StockroomServer(config, db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Starts serving; returns once the port is bound. On PostgreSQL it first listens to the other
   * server processes (waiting a few seconds at most: until then it is not ready).
   */
  public StockroomServer start() {
    others.listen(
        new Notifications.Listener() {
          @Override
          public void changed(java.util.List<io.stockroom.server.store.Change> changes) {
            feed.accept(changes);
          }

          @Override
          public void userChanged(java.util.UUID user, String reason) {
            signOuts.heardUserChanged(user, reason);
          }

          @Override
          public void signedOut(String tokenKey) {
            signOuts.heardDeviceSignedOut(tokenKey);
          }

          @Override
          public void mayHaveMissed() {
            auth.forgetAll();
            feed.recheckAll();
            feed.hintAll(store.syncState().lastVersion());
          }
        },
        java.time.Duration.ofSeconds(10));
    http.start();
    housekeeping.scheduleWithFixedDelay(this::maintain, 1, 60, TimeUnit.MINUTES);
    return this;
  }

  public int port() {
    return http.port();
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    String h = host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]"; // an IPv6 address in a URL
    }
    return "http://" + h + ":" + port();
  }

  public Accounts accounts() {
    return accounts;
  }

  /**
   * Gives a user exactly these sites, for {@code admin set-sites} on the store: this process and
   * every other one on the same PostgreSQL forget the user's sign-ins and close their sockets, as
   * when it goes through a running server (decision record 0054).
   */
  public void setSites(String username, List<String> siteCodes) {
    signOuts.sitesChanged(accounts.setSites(username, siteCodes));
  }

  /** Revokes every token of a user, for {@code admin revoke-tokens}, like {@link #setSites}. */
  public int revokeTokens(String username) {
    AuthService.Revoked revoked = accounts.revokeTokens(username);
    signOuts.revoked(revoked.userId());
    return revoked.tokens();
  }

  public Seeder seeder() {
    return seeder;
  }

  public TombstonePurger purger() {
    return purger;
  }

  public ServerStore store() {
    return store;
  }

  /**
   * Whether this process can take traffic ({@code /api/ready}): not stopping, its writer running,
   * and on PostgreSQL listening to the other processes on a connection that answers.
   */
  public boolean ready() {
    return !closed && store.writerRunning() && others.connected();
  }

  /** HTTP requests this process has taken and not yet answered. */
  public long inFlightRequests() {
    return app.inFlight();
  }

  /** What this process hears from the others on the same database. */
  public Notifications notifications() {
    return others;
  }

  /** How many live sockets are subscribed right now. */
  public int liveSubscribers() {
    return feed.subscriberCount();
  }

  /**
   * The hourly maintenance: old tombstones and failed sign-in counts past their window. Tokens are
   * never deleted: PROTOCOL.md answers an expired one {@code token_expired} and a revoked one
   * {@code token_revoked}, and only a stored token can be told apart. Of several processes on one
   * database only the holder of the maintenance lease runs it. Returns whether this one did.
   */
  public boolean maintain() {
    if (!lease.held()) {
      return false;
    }
    try {
      int n = purger.purge();
      if (n > 0) {
        log.info("purged {} old tombstones", n);
      }
    } catch (RuntimeException e) {
      log.warn("tombstone purge failed: {}", e.toString());
    }
    try {
      auth.forgetOldFailures();
    } catch (RuntimeException e) {
      log.warn("sign-in count clean-up failed: {}", e.toString());
    }
    return true;
  }

  /** Stops HTTP (in-flight requests get a few seconds), the feed, then the database. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    housekeeping.shutdownNow();
    lease.close();
    try {
      http.stop();
    } catch (RuntimeException e) {
      log.warn("HTTP server did not stop cleanly: {}", e.toString());
    }
    // Heard until the last socket and request are gone.
    others.close();
    auth.close();
    store.close();
    feed.close();
    database.close();
  }
}
