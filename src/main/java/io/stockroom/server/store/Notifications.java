package io.stockroom.server.store;

import io.stockroom.domain.EntityType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one server process tells the others sharing its PostgreSQL database (decision record 0054):
 * the versions a write committed, so every process pokes its own live sockets, and the sign-ins
 * that ended, so every process drops them from its cache and closes their sockets.
 *
 * <p>A write's changes go out with PostgreSQL's {@code NOTIFY} inside the writing transaction, so
 * they are delivered when it commits and in commit order, never for a write that rolled back. One
 * connection per process, outside the pool, {@code LISTEN}s. When it breaks, the process is not
 * ready ({@code /api/ready}) until it listens again, and then tells its listener that it may have
 * missed something, so the live sockets are told to pull.
 *
 * <p>On embedded H2 one process owns the database: there is nobody to tell, and nothing is sent.
 */
public final class Notifications implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  /** PostgreSQL refuses payloads of 8000 bytes or more; a longer message goes in several. */
  static final int MAX_PAYLOAD = 7_000;

  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  /** How often an idle listener checks that its connection still answers. */
  private static final long PING_NANOS = TimeUnit.SECONDS.toNanos(2);

  /**
   * What a process hears from the others. Called on the listener's thread: hand long work over (the
   * change feed has its own thread); a short database read is fine.
   */
  public interface Listener {
    /** Another process committed these changes. */
    void changed(List<Change> changes);

    /** A user's sign-ins were revoked or their sites changed on another process. */
    void userChanged(UUID user, String reason);

    /** A device signed out on another process. */
    void signedOut(String tokenKey);

    /** The listening connection was lost and is back: messages sent meanwhile are gone. */
    void mayHaveMissed();
  }

  private final ServerDatabase db;
  private final String channel;
  private final String origin = UUID.randomUUID().toString();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch firstListen = new CountDownLatch(1);
  private volatile Listener listener;
  private volatile boolean connected;
  private volatile Thread thread;
  private volatile int backendPid;
  private volatile long reconnects;

  /** Set once {@link #listen} stopped waiting for the first {@code LISTEN}. */
  private volatile boolean startedAlready;

  private Notifications(ServerDatabase db, String channel) {
    this.db = db;
    this.channel = channel;
  }

  /** The notifications of {@code db}: on PostgreSQL a channel named after its schema. */
  public static Notifications of(ServerDatabase db) {
    if (db.embedded()) {
      return new Notifications(db, null);
    }
    String schema = (String) db.dsl().fetchValue("SELECT current_schema()");
    return new Notifications(db, channelFor(schema == null ? "public" : schema));
  }

  /** One channel per schema: deployments that share a database do not hear each other. */
  static String channelFor(String schema) {
    String name = "stockroom_" + schema;
    if (name.getBytes(StandardCharsets.UTF_8).length <= 63 && schema.matches("[a-z0-9_]+")) {
      return name;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
      return "stockroom_" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether other processes can share this database (PostgreSQL). */
  public boolean shared() {
    return channel != null;
  }

  /**
   * Starts listening for the other processes, and waits up to {@code wait} for the first {@code
   * LISTEN}; a database out of reach then leaves this process not ready, retrying.
   */
  public void listen(Listener to, java.time.Duration wait) {
    if (!shared() || thread != null) {
      return;
    }
    this.listener = to;
    Thread t = new Thread(this::run, "stockroom-notifications");
    t.setDaemon(true);
    thread = t;
    t.start();
    try {
      if (!firstListen.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("not listening to the other server processes yet; retrying");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      startedAlready = true;
    }
  }

  /**
   * Whether this process hears the others: always on H2, on PostgreSQL while the listening
   * connection is up.
   */
  public boolean connected() {
    return !shared() || connected;
  }

  /** How many times the listening connection was lost and made again (tests, metrics). */
  public long reconnects() {
    return reconnects;
  }

  /** The listening connection's server process id, 0 when none (tests break it on purpose). */
  public int backendPid() {
    return backendPid;
  }

  /** Sends {@code changes} to the other processes when the transaction {@code tx} commits. */
  void announce(DSLContext tx, List<Change> changes) {
    if (!shared() || changes.isEmpty()) {
      return;
    }
    // Only the last version of each entity and site matters to a poke.
    Map<String, Change> last = new LinkedHashMap<>();
    for (Change c : changes) {
      last.merge(
          c.entity().wireName() + " " + (c.siteId() == null ? "-" : c.siteId()),
          c,
          (a, b) -> a.version() >= b.version() ? a : b);
    }
    List<String> lines = new ArrayList<>();
    last.forEach((key, c) -> lines.add("C " + key + " " + c.version()));
    send(tx, lines);
  }

  /** Tells the other processes that a user's sign-ins were revoked or their sites changed. */
  public void userChanged(UUID user, String reason) {
    sendNow(List.of("U " + user + " " + reason.replace('\n', ' ')));
  }

  /** Tells the other processes that a device signed out. */
  public void signedOut(String tokenKey) {
    sendNow(List.of("T " + tokenKey));
  }

  /**
   * After the fact: the caller's own change stands whatever happens here. A process that misses it
   * drops its cached sign-in within seconds anyway.
   */
  private void sendNow(List<String> lines) {
    if (!shared()) {
      return;
    }
    try {
      send(db.dsl(), lines);
    } catch (RuntimeException e) {
      log.warn("could not tell the other server processes: {}", e.toString());
    }
  }

  private void send(DSLContext dsl, List<String> lines) {
    for (String payload : payloads(origin, lines)) {
      dsl.fetch("SELECT pg_notify(?, ?)", channel, payload);
    }
  }

  /** The lines in as few payloads as fit, each starting with the sender's origin. */
  static List<String> payloads(String origin, List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder(origin);
    for (String line : lines) {
      if (b.length() > origin.length()
          && b.length() + 1 + line.length() > MAX_PAYLOAD) { // ASCII only
        out.add(b.toString());
        b = new StringBuilder(origin);
      }
      b.append('\n').append(line);
    }
    if (b.length() > origin.length()) {
      out.add(b.toString());
    }
    return out;
  }

  /** A payload read back: empty when it came from this process. */
  static Optional<Message> parse(String origin, String payload) {
    String[] lines = payload.split("\n");
    if (lines.length == 0 || lines[0].equals(origin)) {
      return Optional.empty();
    }
    Message m = new Message(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(" ", 3);
      try {
        switch (f[0]) {
          case "C" -> {
            String[] sv = f[2].split(" ");
            Optional<EntityType> entity = EntityType.fromWireName(f[1]);
            if (entity.isPresent()) {
              m.changes.add(
                  new Change(
                      entity.get(),
                      sv[0].equals("-") ? null : UUID.fromString(sv[0]),
                      Long.parseLong(sv[1])));
            }
          }
          case "U" -> m.users.add(new UserChange(UUID.fromString(f[1]), f.length > 2 ? f[2] : ""));
          case "T" -> m.tokens.add(f[1]);
          default -> log.debug("an unknown notification line: {}", lines[i]);
        }
      } catch (RuntimeException e) {
        log.debug("an unreadable notification line: {}", lines[i]);
      }
    }
    return Optional.of(m);
  }

  record UserChange(UUID user, String reason) {}

  record Message(List<Change> changes, List<UserChange> users, List<String> tokens) {}

  private void run() {
    long backoff = FIRST_BACKOFF_MILLIS;
    long failures = 0;
    while (stop.getCount() > 0) {
      try (Connection c = db.connectAlone();
          Statement s = c.createStatement()) {
        PGConnection pg = c.unwrap(PGConnection.class);
        s.execute("LISTEN \"" + channel + "\"");
        backendPid = pg.getBackendPID();
        connected = true;
        failures = 0;
        backoff = FIRST_BACKOFF_MILLIS;
        if (firstListen.getCount() == 0 || startedAlready) {
          // Listening again, or for the first time after the server began to serve: whatever
          // was sent before is lost to this process.
          reconnects++;
          log.info("listening to the other server processes again");
          listener.mayHaveMissed();
        }
        firstListen.countDown();
        long lastHeard = System.nanoTime();
        while (stop.getCount() > 0) {
          PGNotification[] got = pg.getNotifications(500);
          if (got != null && got.length > 0) {
            lastHeard = System.nanoTime();
            for (PGNotification n : got) {
              deliver(n.getParameter());
            }
          } else if (System.nanoTime() - lastHeard > PING_NANOS) {
            s.execute("SELECT 1"); // a dead connection fails here
            lastHeard = System.nanoTime();
          }
        }
      } catch (Throwable e) {
        if (stop.getCount() == 0) {
          break;
        }
        if (connected) {
          log.warn("lost the connection that hears the other server processes: {}", e.toString());
        } else if (failures++ % 20 == 0) {
          log.warn("cannot listen to the other server processes: {}", e.toString());
        }
      } finally {
        connected = false;
        backendPid = 0;
      }
      try {
        if (stop.await(backoff, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    }
  }

  private void deliver(String payload) {
    Optional<Message> m = parse(origin, payload);
    if (m.isEmpty()) {
      return;
    }
    Listener to = listener;
    try {
      if (!m.get().changes().isEmpty()) {
        to.changed(List.copyOf(m.get().changes()));
      }
      for (UserChange u : m.get().users()) {
        to.userChanged(u.user(), u.reason());
      }
      for (String token : m.get().tokens()) {
        to.signedOut(token);
      }
    } catch (Throwable e) {
      log.warn("a notification from another server process failed here: {}", e.toString(), e);
    }
  }

  @Override
  public void close() {
    stop.countDown();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
