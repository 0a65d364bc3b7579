package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.LoginResponse;
import io.stockroom.store.LocalStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync agent of one profile, put together: client, engine, scheduler and live channel, plus
 * sign-in. Owns its single scheduler thread; {@link #close()} stops it. Signed out, it does nothing
 * and the app works from the local database alone.
 */
public final class SyncAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncAgent.class);

  static final String SERVER_URL = "sync.server_url";
  static final String USER = "sync.user";
  static final String TOKEN = "sync.token";
  static final String INTERVAL = "sync.interval_seconds";

  /** What the agent is built with; tests swap the transport and shorten the timers. */
  public record Options(
      Function<String, Transport> transports,
      Duration interval,
      Duration debounce,
      long seed,
      boolean live,
      BooleanSupplier batteryLow,
      String deviceName) {

    public static Options defaults() {
      return new Options(
          HttpTransport::new,
          Duration.ofMinutes(5),
          Duration.ofSeconds(2),
          System.nanoTime(),
          true,
          () -> false,
          defaultDeviceName());
    }

    public Options withTransports(Function<String, Transport> t) {
      return new Options(t, interval, debounce, seed, live, batteryLow, deviceName);
    }

    public Options withTimers(Duration i, Duration d) {
      return new Options(transports, i, d, seed, live, batteryLow, deviceName);
    }

    /** The seed of the backoff jitter (a simulation derives it from its own seed). */
    public Options withSeed(long s) {
      return new Options(transports, interval, debounce, s, live, batteryLow, deviceName);
    }

    public Options withLive(boolean l) {
      return new Options(transports, interval, debounce, seed, l, batteryLow, deviceName);
    }

    public Options withBattery(BooleanSupplier low) {
      return new Options(transports, interval, debounce, seed, live, low, deviceName);
    }

    private static String defaultDeviceName() {
      String host = System.getenv("HOSTNAME");
      return host == null || host.isBlank() ? "laptop" : host;
    }
  }

  private final LocalStore store;
  private final Options options;
  private final ScheduledExecutorService executor;
  private final SyncClient client;
  private final SyncEngine engine;
  private final SyncScheduler scheduler;
  private LiveChannel live;
  private boolean started;

  public SyncAgent(LocalStore store, Clock clock, Options options) {
    this.store = store;
    this.options = options;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "stockroom-sync");
              t.setDaemon(true);
              return t;
            });
    JsonCodec codec = new JsonCodec();
    this.client = new SyncClient(null, codec, () -> store.hlc().peek(), store::receiveStamp);
    Backoff backoff = new Backoff(options.seed());
    this.engine = new SyncEngine(store.sync(), store.outbox(), client, codec, backoff, clock);
    Duration interval =
        store
            .settings()
            .get(INTERVAL)
            .map(s -> Duration.ofSeconds(Long.parseLong(s)))
            .orElse(options.interval());
    this.scheduler =
        new SyncScheduler(
            engine,
            executor,
            backoff,
            clock,
            interval,
            options.debounce(),
            options.batteryLow(),
            () ->
                new int[] {
                  store.outbox().pendingCount(),
                  store.sync().failed().size(),
                  store.sync().conflicts(true).size()
                });
    Optional<String> url = store.settings().get(SERVER_URL);
    Optional<String> token = store.settings().get(TOKEN).filter(s -> !s.isEmpty());
    if (url.isPresent() && token.isPresent()) {
      client.configure(options.transports().apply(url.get()), token.get());
      scheduler.account(url.get(), store.settings().get(USER).orElse(null));
    }
  }

  public SyncScheduler scheduler() {
    return scheduler;
  }

  public SyncEngine engine() {
    return engine;
  }

  public SyncClient client() {
    return client;
  }

  public boolean signedIn() {
    return client.configured();
  }

  public Optional<String> serverUrl() {
    return store.settings().get(SERVER_URL);
  }

  public Optional<String> userName() {
    return store.settings().get(USER);
  }

  /**
   * Signs in: logs in, stores the server, user and token, attaches the fresh profile's local site
   * to the user's site (the first one it lists), and starts syncing if the agent runs.
   */
  public LoginResponse signIn(String serverUrl, String user, String password) throws SyncException {
    Transport t = options.transports().apply(serverUrl);
    client.configure(t, null);
    LoginResponse login;
    try {
      login = client.login(user, password, options.deviceName());
    } catch (SyncException e) {
      client.configure(null, null);
      throw e;
    }
    client.configure(t, login.token());
    store.settings().put(SERVER_URL, serverUrl);
    store.settings().put(USER, user);
    store.settings().put(TOKEN, login.token());
    List<LoginResponse.SiteInfo> sites = login.sites() == null ? List.of() : login.sites();
    if (!sites.isEmpty()) {
      LoginResponse.SiteInfo site = sites.get(0);
      if (store.sync().attachLocalSite(site.id(), site.code(), site.name())) {
        LOG.info("local site attached to {}", site.code());
      }
    }
    scheduler.account(serverUrl, user);
    synchronized (this) {
      if (started) {
        startLive();
        scheduler.trigger(Trigger.MANUAL);
      }
    }
    return login;
  }

  /** Signs out: the token is revoked (best effort) and forgotten; local data stays. */
  public void signOut() {
    try {
      if (client.configured()) {
        client.logout();
      }
    } catch (SyncException e) {
      LOG.info("logout could not reach the server: {}", e.getMessage());
    }
    client.configure(null, null);
    store.settings().put(TOKEN, "");
    synchronized (this) {
      if (live != null) {
        live.close();
        live = null;
      }
    }
    scheduler.account(null, null);
  }

  /** Starts background syncing (interval, live channel, a first cycle). */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    scheduler.restoreLastSync(() -> store.sync().lastSuccess().orElse(null));
    scheduler.start();
    if (client.configured()) {
      startLive();
    }
  }

  private void startLive() {
    if (!options.live() || live != null) {
      return;
    }
    String url = store.settings().get(SERVER_URL).orElse(null);
    String token = store.settings().get(TOKEN).orElse(null);
    if (url == null || token == null || token.isEmpty()) {
      return;
    }
    live =
        new LiveChannel(
            url,
            token,
            executor,
            new Backoff(options.seed() + 1),
            new LiveChannel.Listener() {
              @Override
              public void changed(String entity, long version) {
                scheduler.trigger(Trigger.LIVE);
              }

              @Override
              public void connected() {
                scheduler.liveConnected(true);
                if (scheduler.status().state() == SyncStatus.State.OFFLINE) {
                  scheduler.trigger(Trigger.CONNECTIVITY);
                }
              }

              @Override
              public void disconnected() {
                scheduler.liveConnected(false);
              }
            });
    live.start();
  }

  /** Tells the agent about a local write (debounced sync). */
  public void localWrite() {
    scheduler.localWrite();
  }

  public CompletableFuture<CycleResult> syncNow() {
    return scheduler.syncNow();
  }

  /** One cycle on the caller's thread, for the headless {@code sync} command and tests. */
  public CycleResult runOnce() {
    return engine.run(Trigger.MANUAL, null);
  }

  /** Entities in pull order, for progress displays. */
  public static List<EntityType> entities() {
    return List.of(EntityType.values());
  }

  @Override
  public void close() {
    scheduler.close();
    synchronized (this) {
      if (live != null) {
        live.close();
        live = null;
      }
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
