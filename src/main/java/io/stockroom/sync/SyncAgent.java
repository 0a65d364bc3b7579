package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.store.LocalStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync agent of one profile, put together: client, engine ({@link SyncEngine}), scheduler
 * ({@link SyncScheduler}) and live channel ({@link LiveChannel}, news handled by {@link
 * LivePokes}), with the account ({@link SignIn}) and the settings ({@link AgentSettings}). Owns
 * every thread of the sync layer, its scheduler thread and its request executor; {@link #close()}
 * stops them. Signed out, it does nothing and the app works from the local database alone.
 */
public final class SyncAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncAgent.class);

  static final String SERVER_URL = io.stockroom.store.Settings.SERVER_URL;
  static final String USER = io.stockroom.store.Settings.USER;

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

    /** The seed of the backoff jitter, so a run repeats exactly (a simulation derives it). */
    public Options withSeed(long s) {
      return new Options(transports, interval, debounce, s, live, batteryLow, deviceName);
    }

    public Options withLive(boolean l) {
      return new Options(transports, interval, debounce, seed, l, batteryLow, deviceName);
    }

    /** What says "the battery is low" (by default: never); the setting may ignore it. */
    public Options withBattery(BooleanSupplier low) {
      return new Options(transports, interval, debounce, seed, live, low, deviceName);
    }

    /** The battery rule of {@link LowBattery} over this power source. */
    public Options withPowerSource(PowerSource source) {
      return withBattery(new LowBattery(source));
    }

    private static String defaultDeviceName() {
      String host = System.getenv("HOSTNAME");
      return host == null || host.isBlank() ? "laptop" : host;
    }
  }

  private final LocalStore store;
  private final Options options;
  private final ScheduledExecutorService executor;

  /** Runs the requests a cycle sends ahead while it works locally (see {@link RequestAhead}). */
  private final ExecutorService requests =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "stockroom-request");
            t.setDaemon(true);
            return t;
          });

  private final SyncClient client;
  private final SyncEngine engine;
  private final SyncScheduler scheduler;
  private final JsonCodec codec = new JsonCodec();
  private final AgentSettings settings;
  private final SignIn signIn;
  private LiveChannel live;
  private boolean started;
  private String token;

  public SyncAgent(LocalStore store, Clock clock, Options options) {
    this(
        store,
        clock,
        options,
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "stockroom-sync");
              t.setDaemon(true);
              return t;
            }));
  }

  /** With a given executor (tests pass one with virtual time); the agent shuts it down. */
  SyncAgent(LocalStore store, Clock clock, Options options, ScheduledExecutorService executor) {
    this.store = store;
    this.options = options;
    this.executor = executor;
    this.settings = new AgentSettings(store.settings());
    this.signIn = new SignIn(store, options, codec);
    this.client = new SyncClient(null, codec, () -> store.hlc().peek(), store::receiveStamp);
    Backoff backoff = new Backoff(options.seed());
    this.engine =
        new SyncEngine(
            store.sync(),
            store.siteLoss(),
            store.outbox(),
            client,
            codec,
            backoff,
            clock,
            requests);
    Duration interval = settings.interval().orElse(options.interval());
    BooleanSupplier batteryLow = options.batteryLow();
    this.scheduler =
        new SyncScheduler(
            engine,
            executor,
            backoff,
            clock,
            interval,
            options.debounce(),
            () -> settings.pauseOnLowBattery() && batteryLow.getAsBoolean(),
            () ->
                new int[] {
                  store.outbox().pendingCount(),
                  store.sync().failed().size(),
                  store.sync().conflicts(true).size()
                });
    Optional<String> url = store.settings().get(SERVER_URL);
    String stored = signIn.loadToken();
    if (url.isPresent() && stored != null) {
      token = stored;
      client.configure(options.transports().apply(url.get()), stored);
      scheduler.account(url.get(), store.settings().get(USER).orElse(null));
    }
  }

  /** The background sync interval in force (zero: no interval). */
  public Duration interval() {
    return scheduler.interval();
  }

  /**
   * Changes the background interval now and for later runs of this profile (whole seconds, at least
   * one; zero turns the interval off).
   */
  public void setInterval(Duration interval) {
    scheduler.setInterval(settings.setInterval(interval));
  }

  /** Whether the background interval pauses on a low battery (setting; default on). */
  public boolean pauseOnLowBattery() {
    return settings.pauseOnLowBattery();
  }

  /** Turns the low-battery pause on or off, now and for later runs of this profile. */
  public void setPauseOnLowBattery(boolean pause) {
    settings.setPauseOnLowBattery(pause);
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
   * Signs in to the first site the server lists (the profile's current site when the user has it):
   * {@link #login} and {@link #complete} in one step, for callers that cannot ask.
   */
  public Login signIn(String serverUrl, String user, String password) throws SyncException {
    Login login = login(serverUrl, user, password);
    complete(login, suggestedSite(login).map(UserSite::id).orElse(null));
    return login;
  }

  /**
   * Logs in and returns the user's sites; stores nothing and leaves the current account alone, so a
   * refused or abandoned login changes nothing on this laptop.
   */
  public Login login(String serverUrl, String user, String password) throws SyncException {
    return signIn.login(serverUrl, user, password);
  }

  /** The site to offer first: the one this profile works in, when listed, else the first. */
  public Optional<UserSite> suggestedSite(Login login) {
    return signIn.suggestedSite(login);
  }

  /**
   * Finishes a login on the chosen site: stores the server, user and token, attaches the fresh
   * profile's local site to the chosen one (its queued changes are rewritten to it), and starts
   * syncing if the agent runs. {@code siteId} may be null only when the login lists no site.
   */
  public void complete(Login login, UUID siteId) {
    UserSite site =
        login.sites().stream().filter(s -> s.id().equals(siteId)).findFirst().orElse(null);
    if (site == null && !login.sites().isEmpty()) {
      throw new IllegalArgumentException("site " + siteId + " is not one of the user's sites");
    }
    String bearer = login.token();
    String replacedUrl = serverUrl().orElse(null);
    signIn.save(login, site);
    String replaced;
    synchronized (this) {
      replaced = token;
      token = bearer;
      client.configure(options.transports().apply(login.serverUrl()), bearer);
      scheduler.account(login.serverUrl(), login.user());
      if (live != null) {
        live.close();
        live = null;
      }
      if (started) {
        startLive();
        scheduler.trigger(Trigger.MANUAL);
      }
    }
    if (replaced != null && replacedUrl != null && !replaced.equals(bearer)) {
      signIn.revoke(replacedUrl, replaced); // the earlier sign-in of this laptop is of no more use
    }
  }

  /** Drops a login the user did not finish: its token is revoked, best effort. */
  public void abandon(Login login) {
    signIn.revoke(login.serverUrl(), login.token());
  }

  /** Signs out: the token is revoked (best effort) and its file deleted; local data stays. */
  public void signOut() {
    try {
      if (client.configured()) {
        client.logout();
      }
    } catch (SyncException e) {
      LOG.info("logout could not reach the server: {}", e.getMessage());
    }
    client.configure(null, null);
    signIn.forget();
    synchronized (this) {
      token = null;
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

  /** The longest wait between two attempts to open the live channel again. */
  static final java.time.Duration LIVE_RECONNECT_CAP = java.time.Duration.ofSeconds(4);

  private void startLive() {
    if (!options.live() || live != null) {
      return;
    }
    String url = store.settings().get(SERVER_URL).orElse(null);
    if (url == null || token == null) {
      return;
    }
    live =
        new LiveChannel(
            url,
            token,
            executor,
            // Reconnects within a few seconds at most, so a server that comes back is known to be
            // back within 5 s (issue 16); the jitter keeps a site's laptops from returning at once.
            new Backoff(options.seed() + 1, LIVE_RECONNECT_CAP),
            new LivePokes(engine, scheduler));
    // Connect from the agent's thread, after whatever it has queued (the first cycle).
    LiveChannel l = live;
    try {
      executor.execute(l::start);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("live channel not started: the agent is stopping");
    }
  }

  /** Tells the agent about a local write (debounced sync). */
  public void localWrite() {
    scheduler.localWrite();
  }

  public CompletableFuture<CycleResult> syncNow() {
    return scheduler.syncNow();
  }

  /** Stops a running cycle (a long first sync, say) at its next page; what it pulled stays. */
  public void cancel() {
    scheduler.cancel();
  }

  /** One cycle on the caller's thread, for the headless {@code sync} command and tests. */
  public CycleResult runOnce() {
    return engine.run(Trigger.MANUAL, null, null);
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
    // A running cycle stops at its next page or batch; the request it has on the wire is answered
    // and settled first (its mutations are not counted as failed). Only a request still running
    // once the cycle has had its time is interrupted.
    engine.cancel();
    executor.shutdownNow();
    requests.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
      if (!requests.awaitTermination(5, TimeUnit.SECONDS)) {
        requests.shutdownNow();
        requests.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      requests.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
