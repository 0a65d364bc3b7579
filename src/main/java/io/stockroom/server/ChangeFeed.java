package io.stockroom.server;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.ServerRecord;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.LiveMessage;
import io.stockroom.server.auth.Principal;
import io.stockroom.server.pull.PullService;
import io.stockroom.server.store.Change;
import io.stockroom.server.store.CommitListener;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live channel's fan-out. A commit hands its changes over and returns at once; one feed thread
 * sends each subscriber a {@code changed} message per entity it may see, with asynchronous writes.
 * A socket that stops taking messages (more than {@link #MAX_IN_FLIGHT} unsent) is closed, so a
 * slow or dead client never holds up a push or the other subscribers.
 *
 * <p>The fan-out is bounded (decision record 0055): a socket gets at most one poke per entity per
 * window, and the window grows with the number of sockets ({@link #WINDOW_PER_SUBSCRIBER}, at most
 * {@link #MAX_WINDOW_NANOS}), so the pokes a process sends per second stay about the same however
 * many laptops listen and however fast pushes come. The first change after a quiet spell goes out
 * at once; later ones within the window wait for its end and go as one poke with the latest
 * version. Commits that queue up while the feed is busy are sent as one; messages that are the same
 * for several sockets are encoded once.
 *
 * <p>On H2 the feed reads and encodes a commit's pokes while the writer forces that commit to disk,
 * and sends them once it is there (decision record 0056).
 */
public final class ChangeFeed implements CommitListener, AutoCloseable {

  static final int MAX_IN_FLIGHT = 64;

  /** A poke carries at most this many rows; a bigger change is a plain hint, and a pull. */
  static final int MAX_POKE_ROWS = 100;

  /** How much each subscribed socket adds to the least time between two pokes of one entity. */
  static final long WINDOW_PER_SUBSCRIBER = TimeUnit.MICROSECONDS.toNanos(500);

  /** The longest a change waits for its poke because of the window. */
  static final long MAX_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** How long the feed waits for a commit to reach the disk before it drops its pokes. */
  private static final long ON_DISK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** How often held pokes are looked at while some are held. */
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

  /** The socket side of a subscriber. */
  public interface Sink {
    /** Sends without blocking; calls {@code done} once the message left (or failed). */
    void send(String text, Runnable done);

    boolean isOpen();

    /** Closes the socket, telling the client why. */
    void close(String reason);
  }

  private static final class Subscriber {
    final Principal user;
    final String tokenKey;
    final Sink sink;
    final AtomicInteger inFlight = new AtomicInteger();

    /** Who sees the same rows: the same role and sites (a carried page is shared by them). */
    final String sees;

    // Touched by the feed thread only.
    final Map<EntityType, Long> lastSent = new EnumMap<>(EntityType.class);
    final Map<EntityType, Long> held = new EnumMap<>(EntityType.class);

    Subscriber(Principal user, String tokenKey, Sink sink) {
      this.user = user;
      this.tokenKey = tokenKey;
      this.sink = sink;
      this.sees =
          user.isAdmin()
              ? "*"
              : user.siteIds().stream().map(UUID::toString).sorted().toList().toString();
    }
  }

  private final JsonCodec codec;
  private volatile PullService pull;
  private volatile Function<String, Optional<Principal>> current;
  private final Map<Sink, Subscriber> subscribers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "stockroom-change-feed");
            t.setDaemon(true);
            return t;
          });

  /** Commits handed over and not yet sent; the feed thread takes them all at once. */
  private final ConcurrentLinkedQueue<Handed> handedOver = new ConcurrentLinkedQueue<>();

  private record Handed(List<Change> changes, boolean onDisk) {}

  /** Guards {@link #onDiskUpTo}; the feed thread waits on it. */
  private final Object disk = new Object();

  private long onDiskUpTo;

  /** Times the feed thread found the disk behind and (went on) waiting; for tests. */
  private final AtomicInteger diskWaits = new AtomicInteger();

  private final AtomicBoolean draining = new AtomicBoolean();

  // Touched by the feed thread only.
  private long committedUpTo;
  private boolean tickScheduled;

  public ChangeFeed(JsonCodec codec) {
    this.codec = codec;
  }

  /**
   * Lets pokes carry the page that follows each device's last pull, read through {@code pull} (set
   * once the store it reads exists; until then pokes are plain hints).
   */
  public void carryRows(PullService pull, Function<String, Optional<Principal>> current) {
    this.current = current;
    this.pull = pull;
  }

  /** Subscribes a socket opened with the token stored under {@code tokenKey}. */
  public void subscribe(Principal user, String tokenKey, Sink sink) {
    subscribers.put(sink, new Subscriber(user, tokenKey, sink));
  }

  /** Closes the sockets opened with one token (its device signed out). */
  public void closeToken(String tokenKey, String reason) {
    closeWhere(s -> s.tokenKey != null && s.tokenKey.equals(tokenKey), reason);
  }

  /** Closes every socket of one user (their tokens were revoked). */
  public void closeUser(java.util.UUID userId, String reason) {
    closeWhere(s -> s.user.userId().equals(userId), reason);
  }

  private void closeWhere(java.util.function.Predicate<Subscriber> which, String reason) {
    for (Subscriber s : List.copyOf(subscribers.values())) {
      if (which.test(s)) {
        subscribers.remove(s.sink);
        s.sink.close(reason);
      }
    }
  }

  public void unsubscribe(Sink sink) {
    subscribers.remove(sink);
  }

  public int subscriberCount() {
    return subscribers.size();
  }

  /** Changes another process committed (they are on disk): told like this process's own. */
  public void accept(List<Change> changes) {
    committed(changes, true);
  }

  @Override
  public void committed(List<Change> changes, boolean onDisk) {
    handedOver.add(new Handed(changes, onDisk));
    if (draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // Shutting down: nothing is lost, clients pull on their next cycle.
      }
    }
  }

  @Override
  public void onDisk(long upTo) {
    synchronized (disk) {
      if (upTo > onDiskUpTo) {
        onDiskUpTo = upTo;
        disk.notifyAll();
      }
    }
  }

  /**
   * Waits (the feed thread) until every version up to {@code version} is on disk; false when that
   * did not happen in {@link #ON_DISK_WAIT_NANOS} or the feed is closing.
   */
  private boolean awaitOnDisk(long version) {
    long deadline = System.nanoTime() + ON_DISK_WAIT_NANOS;
    synchronized (disk) {
      while (onDiskUpTo < version) {
        diskWaits.incrementAndGet();
        long left = deadline - System.nanoTime();
        if (left <= 0 || executor.isShutdown()) {
          return false;
        }
        try {
          disk.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /**
   * How many times the feed thread has found the disk behind the commit it is to tell of and waited
   * (again): each count comes after a look at what is on disk.
   */
  int diskWaits() {
    return diskWaits.get();
  }

  /** Sends every commit handed over so far as one (the feed thread). */
  private void drain() {
    draining.set(false);
    List<Change> all = new ArrayList<>();
    long mustBeOnDisk = 0;
    for (Handed h; (h = handedOver.poll()) != null; ) {
      all.addAll(h.changes());
      if (!h.onDisk()) {
        for (Change c : h.changes()) {
          mustBeOnDisk = Math.max(mustBeOnDisk, c.version());
        }
      }
    }
    try {
      if (!all.isEmpty()) {
        deliver(all, mustBeOnDisk);
      }
    } catch (RuntimeException e) {
      // The sockets pull on their next cycle; the feed goes on with the next commit.
      log.warn("live pokes failed: {}", e.toString(), e);
    }
  }

  /** The least time between two pokes of one entity to one socket, for this many sockets. */
  private long window() {
    return Math.min(MAX_WINDOW_NANOS, subscribers.size() * WINDOW_PER_SUBSCRIBER);
  }

  /**
   * Closes the sockets whose sign-in no longer acts for the user and sites they opened with: after
   * this process may have missed the sign-outs of another (decision record 0054). Their laptops
   * reconnect, and are told what is the matter then.
   */
  public void recheckAll() {
    try {
      executor.execute(
          () -> {
            for (Subscriber s : List.copyOf(subscribers.values())) {
              if (!stillAsSubscribed(s)) {
                subscribers.remove(s.sink);
                s.sink.close("sign in again");
              }
            }
          });
    } catch (RejectedExecutionException e) {
      // Shutting down.
    }
  }

  /**
   * Tells every socket to pull every entity it may see, up to {@code version}: after this process
   * may have missed changes committed by another (decision record 0054).
   */
  public void hintAll(long version) {
    try {
      executor.execute(
          () -> {
            Pass pass = new Pass(version);
            for (Subscriber s : subscribers.values()) {
              for (EntityType entity : EntityType.values()) {
                send(s, hint(entity, version, pass)); // encoded once per entity
              }
            }
          });
    } catch (RejectedExecutionException e) {
      // Shutting down: clients pull on their next cycle.
    }
  }

  /**
   * Works out and encodes the pokes for these changes, waits until {@code mustBeOnDisk} is on disk,
   * then sends them: the reads and the encoding overlap the writer's force (decision record 0056).
   */
  private void deliver(List<Change> changes, long mustBeOnDisk) {
    // Everything up to the group's last version is committed: a pull from any cursor would now
    // return the rows up to it.
    long upTo = committedUpTo;
    for (Change c : changes) {
      upTo = Math.max(upTo, c.version());
    }
    long now = System.nanoTime();
    long window = window();
    Pass pass = new Pass(upTo);
    record Poke(Subscriber to, EntityType entity, long version, String text) {}
    List<Poke> pokes = new ArrayList<>();
    for (Subscriber s : subscribers.values()) {
      Map<EntityType, Long> latest = new EnumMap<>(EntityType.class);
      for (Change c : changes) {
        if (s.user.canSee(c.siteId())) {
          latest.merge(c.entity(), c.version(), Math::max);
        }
      }
      for (Map.Entry<EntityType, Long> e : latest.entrySet()) {
        EntityType entity = e.getKey();
        Long last = s.lastSent.get(entity);
        boolean sendNow = !s.held.containsKey(entity) && (last == null || now - last >= window);
        pokes.add(
            new Poke(
                s, entity, e.getValue(), sendNow ? pass.message(s, entity, e.getValue()) : null));
      }
    }
    if (mustBeOnDisk > 0 && !awaitOnDisk(mustBeOnDisk)) {
      // The force failed (the writer answered those pushes with an error): nothing is told; a
      // later commit's pokes, or the laptops' next pulls, bring these changes once on disk.
      log.warn("live pokes dropped: version {} did not reach the disk", mustBeOnDisk);
      return;
    }
    committedUpTo = upTo;
    for (Poke p : pokes) {
      if (p.text() != null) {
        p.to().lastSent.put(p.entity(), now);
        send(p.to(), p.text());
      } else {
        p.to().held.merge(p.entity(), p.version(), Math::max);
        scheduleTick();
      }
    }
  }

  private void scheduleTick() {
    if (!tickScheduled) {
      tickScheduled = true;
      try {
        // A short window is looked at again when it ends; a long one every TICK_NANOS.
        executor.schedule(
            this::tick, Math.max(100_000, Math.min(TICK_NANOS, window())), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // Shutting down.
      }
    }
  }

  /** Sends the held pokes whose window has passed, all in one pass (the feed thread). */
  private void tick() {
    tickScheduled = false;
    try {
      sendHeld();
    } catch (RuntimeException e) {
      log.warn("held live pokes failed: {}", e.toString(), e);
    } finally {
      // Whatever happened, pokes still held get another look.
      for (Subscriber s : subscribers.values()) {
        if (!s.held.isEmpty()) {
          scheduleTick();
          break;
        }
      }
    }
  }

  private void sendHeld() {
    long now = System.nanoTime();
    long window = window();
    Pass pass = new Pass(committedUpTo);
    boolean more = false;
    for (Subscriber s : subscribers.values()) {
      if (s.held.isEmpty()) {
        continue;
      }
      for (var it = s.held.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<EntityType, Long> e = it.next();
        EntityType entity = e.getKey();
        long version = e.getValue();
        Long last = s.lastSent.get(entity);
        if (last == null || now - last >= window) {
          String text = pass.message(s, entity, version);
          it.remove();
          s.lastSent.put(entity, now);
          send(s, text);
        } else {
          more = true;
        }
      }
    }
    if (more) {
      scheduleTick();
    }
  }

  /**
   * One pass over the sockets: pages read once per entity and starting cursor, and messages encoded
   * once per entity, cursor and set of visible sites.
   */
  private final class Pass {
    final long upTo;
    final Map<String, Optional<List<PullService.Row>>> pages = new HashMap<>();
    final Map<String, String> encoded = new HashMap<>();

    Pass(long upTo) {
      this.upTo = upTo;
    }

    String message(Subscriber s, EntityType entity, long version) {
      return ChangeFeed.this.message(s, entity, version, this);
    }
  }

  /**
   * The poke for one entity: with the page that follows the device's last pull when the feed knows
   * where that left it and the page is small, else the plain hint (decision record 0049). Pages are
   * read once per entity and starting point, and each device keeps the rows it may see.
   */
  private String message(Subscriber s, EntityType entity, long version, Pass pass) {
    long upTo = pass.upTo;
    Map<String, Optional<List<PullService.Row>>> pages = pass.pages;
    PullService pull = this.pull;
    OptionalLong since =
        pull == null || s.tokenKey == null || entity == EntityType.SITES
            ? OptionalLong.empty() // sites are pulled whole, never by cursor
            : pull.served(s.tokenKey, entity);
    if (since.isEmpty() || since.getAsLong() >= upTo || !stillAsSubscribed(s)) {
      return hint(entity, version, pass);
    }
    long from = since.getAsLong();
    Optional<List<PullService.Row>> page;
    page =
        pages.computeIfAbsent(
            entity.wireName() + "@" + from,
            k -> {
              try {
                return pull.rowsAfter(entity, from, upTo, MAX_POKE_ROWS);
              } catch (RuntimeException e) {
                // Read once per group: the other devices get the plain hint at once.
                log.debug("pokes go without their rows: {}", e.toString());
                return Optional.empty();
              }
            });
    if (page.isEmpty()) {
      return hint(entity, version, pass);
    }
    pull.markServed(s.tokenKey, s.user.userId(), entity, upTo);
    String key = entity.wireName() + "|" + version + "|" + from + "|" + upTo + "|" + s.sees;
    String text = pass.encoded.get(key);
    if (text != null) {
      return text;
    }
    List<ServerRecord> records = new ArrayList<>();
    List<UUID> deletions = new ArrayList<>();
    for (PullService.Row r : page.get()) {
      if (s.user.canSee(r.site())) {
        if (r.record() != null) {
          records.add(r.record());
        } else {
          deletions.add(r.deleted());
        }
      }
    }
    text =
        codec.writeString(
            LiveMessage.changed(
                entity.wireName(),
                version,
                Long.toString(from),
                Long.toString(upTo),
                records,
                deletions));
    pass.encoded.put(key, text);
    return text;
  }

  private String hint(EntityType entity, long version, Pass pass) {
    return pass.encoded.computeIfAbsent(
        entity.wireName() + "|" + version,
        k -> codec.writeString(LiveMessage.changed(entity.wireName(), version)));
  }

  /**
   * Whether the device's token still acts for the user, with the sites, it had when its socket
   * opened: sites granted or taken, or a sign-in revoked, since then (on this process or another)
   * and it gets the plain hint, which makes it pull with what it may see now.
   */
  private boolean stillAsSubscribed(Subscriber s) {
    Function<String, Optional<Principal>> now = current;
    try {
      return now != null && now.apply(s.tokenKey).map(s.user::equals).orElse(false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void send(Subscriber s, String text) {
    if (!s.sink.isOpen()) {
      subscribers.remove(s.sink);
      return;
    }
    if (s.inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      log.info("closing a live socket of {} that stopped reading", s.user.username());
      subscribers.remove(s.sink);
      s.sink.close("too slow");
      return;
    }
    try {
      s.sink.send(text, s.inFlight::decrementAndGet);
    } catch (RuntimeException e) {
      subscribers.remove(s.sink);
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Subscriber s : subscribers.values()) {
      s.sink.close("server stopping");
    }
    subscribers.clear();
  }
}
