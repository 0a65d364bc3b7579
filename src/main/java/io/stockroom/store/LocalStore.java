package io.stockroom.store;

import io.stockroom.domain.CatalogService;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.HybridLogicalClock;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.StockService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamCastMode;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One profile's local database: the H2 file {@code <profile>/stockroom}, its schema, and the
 * services built on it. The composition root opens one per profile and closes it at exit; closing
 * compacts the file. Every service call blocks on the database, so callers run them off the FX
 * thread.
 */
public final class LocalStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);
  private static final int POOL_SIZE = 4;

  private final Path profileDir;
  private final JdbcConnectionPool pool;
  private final Tx tx;
  private final Stamps stamps;
  private final Settings settings;
  private final MutationQueue queue;
  private final LocalCatalog catalog;
  private final LocationRepository locations;
  private final LocalStock stock;
  private final BulkLoader bulkLoader;
  private final SyncStore sync;
  private final WordIndex words;
  private final io.stockroom.domain.ConflictService conflictInbox;
  private final io.stockroom.domain.SyncDesk syncDesk;
  private final SchemaMigrator.Outcome migration;
  private final boolean fromTemplate;
  private final SiteLoss siteLoss;
  private boolean closed;

  private LocalStore(
      Path profileDir,
      JdbcConnectionPool pool,
      SchemaMigrator.Outcome migration,
      boolean fromTemplate,
      Clock clock,
      IdGenerator ids) {
    this.profileDir = profileDir;
    this.pool = pool;
    this.migration = migration;
    this.fromTemplate = fromTemplate;
    // Per-query execute logging costs more than an indexed query. Casting bind values (jOOQ's
    // default for H2) is not needed with typed columns and costs parse time.
    DSLContext dsl =
        DSL.using(
            pool,
            SQLDialect.H2,
            new org.jooq.conf.Settings()
                .withExecuteLogging(false)
                .withParamCastMode(ParamCastMode.NEVER));
    this.tx = new Tx(dsl);
    this.settings = new Settings(tx);
    this.stamps = new Stamps(clock, restoreClock(tx, clock, ids));
    this.queue = new MutationQueue(tx, ids, stamps);
    this.words = new WordIndex(tx);
    ItemRepository items = new ItemRepository(words);
    ItemSearch search = new ItemSearch(words);
    StockRepository ledger = new StockRepository();
    this.catalog =
        new LocalCatalog(
            tx,
            ids,
            stamps,
            queue,
            items,
            search,
            new NoteRepository(tx, ids, stamps, queue, items),
            new StockOrder(search, ledger));
    this.locations = new LocationRepository(tx, ids, stamps, queue);
    this.stock = new LocalStock(tx, ids, stamps, queue, items, ledger);
    this.bulkLoader = new BulkLoader(tx, ids, stamps, words);
    this.sync = new SyncStore(tx, ids, stamps, queue, words);
    this.siteLoss = new SiteLoss(tx, ids, stamps, profileDir, f -> ProfileRescue.replay(this, f));
    this.conflictInbox = new LocalConflicts(tx, stamps, queue, sync.inbox(), sync.log(), catalog);
    this.syncDesk = new LocalSyncDesk(tx, ids, sync);
    ensureLocalSite(ids);
    int reset = queue.resetInFlight();
    if (reset > 0) {
      LOG.info("{} mutations left in flight went back to pending", reset);
    }
  }

  /**
   * Opens (creating if needed) the profile's database and brings its schema up to date.
   *
   * @throws ProfileLockedException when another process has the profile open
   * @throws StoreException when the database cannot be opened or migrated
   */
  public static LocalStore open(Path profileDir, Clock clock, IdGenerator ids) {
    if (profileDir.toString().isBlank()) {
      // An empty path is the working folder: never a profile nobody asked for.
      throw new StoreException("no profile folder given: name one, e.g. --profile ~/stockroom");
    }
    Path dir = profileDir.toAbsolutePath().normalize();
    boolean fresh = ProfileFiles.prepare(dir);
    Path file = dir.resolve("stockroom.mv.db");
    String url = ProfileFiles.urlOf(dir);
    boolean fromTemplate = false;
    if (Files.exists(file)) {
      ProfileFiles.refuseNewerProfile(dir, url);
    } else {
      fromTemplate = ProfileTemplate.copyTo(file);
    }
    JdbcConnectionPool pool =
        JdbcConnectionPool.create(url, ProfileFiles.USER, ProfileFiles.PASSWORD);
    pool.setMaxConnections(POOL_SIZE);
    try {
      SchemaMigrator.Outcome outcome;
      try (Connection c = pool.getConnection()) {
        ProfileFiles.ownerOnly(dir, fresh);
        outcome = SchemaMigrator.migrate(c);
      }
      return new LocalStore(dir, pool, outcome, fromTemplate, clock, ids);
    } catch (SQLException | RuntimeException e) {
      if (e instanceof ProfileTooNewException) {
        // A normal close writes (it compacts for a moment); this file belongs to a newer release.
        ProfileFiles.shutdownImmediately(pool);
      }
      pool.dispose();
      if (ProfileFiles.isLocked(e)) {
        throw new ProfileLockedException(dir, e);
      }
      if (ProfileFiles.isDamaged(e)) {
        throw new ProfileDamagedException(dir, e);
      }
      if (e instanceof RuntimeException re
          && !(e instanceof org.jooq.exception.DataAccessException)) {
        throw re;
      }
      throw new StoreException("cannot open the local database in " + dir, e);
    }
  }

  /**
   * The node id and last stamp survive restarts; a fresh profile gets a node id here. Replayable,
   * like the other writes at open: each is made again at the next open if a kill takes it back, and
   * the first user write forces it along. Forcing them would put fsyncs on the cold start.
   */
  private static HybridLogicalClock restoreClock(Tx tx, Clock clock, IdGenerator ids) {
    return tx.writeReplayable(
        t -> {
          String node =
              Settings.get(t, Settings.NODE_ID)
                  .orElseGet(
                      () -> {
                        String fresh = ids.next().toString().replace("-", "").substring(0, 12);
                        Settings.put(t, Settings.NODE_ID, fresh);
                        return fresh;
                      });
          Hlc last = Settings.get(t, Settings.LAST_STAMP).map(Hlc::parse).orElse(null);
          return new HybridLogicalClock(clock, node, last);
        });
  }

  private void ensureLocalSite(IdGenerator ids) {
    tx.runReplayable(
        t -> {
          if (Settings.get(t, Settings.CURRENT_SITE).isEmpty()) {
            LocationRepository.createLocalSite(t, ids.next(), stamps.now());
          }
        });
  }

  /** The conflicts inbox the screens read and settle. */
  public io.stockroom.domain.ConflictService conflictInbox() {
    return conflictInbox;
  }

  /** Failed mutations, cursors and the sync log, for the sync screen. */
  public io.stockroom.domain.SyncDesk syncDesk() {
    return syncDesk;
  }

  public Path profileDir() {
    return profileDir;
  }

  public CatalogService catalog() {
    return catalog;
  }

  public LocationService locations() {
    return locations;
  }

  public StockService stock() {
    return stock;
  }

  /**
   * The outbox: read side for the UI ({@link io.stockroom.domain.OutboxService}), and the sync
   * agent's state changes.
   */
  public MutationQueue outbox() {
    return queue;
  }

  /** What the sync agent writes: pulled pages, push results, conflicts inbox, sync log. */
  /** What leaves the laptop with a site the server no longer serves to it. */
  public SiteLoss siteLoss() {
    return siteLoss;
  }

  public SyncStore sync() {
    return sync;
  }

  /** Local, never-synced settings (server URL, interval, theme...). */
  public Settings settings() {
    return settings;
  }

  /** This profile's HLC; its node id is fixed for the profile's life. */
  public HybridLogicalClock hlc() {
    return stamps.hlc();
  }

  /**
   * Moves the clock past a stamp seen from the server and persists it, so the next local stamp
   * sorts after it even across a restart.
   */
  public Hlc receiveStamp(Hlc remote) {
    // Replayable: every response carries a stamp, and forcing each to disk would force the pulled
    // pages with it. A kill may take the merge back; any local write since has forced it.
    return tx.writeReplayable(
        t -> {
          Hlc merged = stamps.hlc().receive(remote);
          Settings.put(t, Settings.LAST_STAMP, stamps.hlc().peek().toString());
          return merged;
        });
  }

  /** Fast insert path for seeding and benchmarks: rows count as synced server data. */
  /** Local records the server answered with a conflict, waiting for a decision. */
  public java.util.List<io.stockroom.domain.ConflictSummary> conflicts() {
    return new ConflictQuery(tx).list();
  }

  /** The write runner, for store-package helpers that write in their own transaction. */
  Tx tx() {
    return tx;
  }

  /** Now, by the store's clock. */
  java.time.Instant now() {
    return stamps.now();
  }

  public BulkLoader bulkLoader() {
    return bulkLoader;
  }

  /** Whether Liquibase had to run at open, and what the schema check cost. */
  public boolean liquibaseRan() {
    return migration.liquibaseRan();
  }

  /** Whether this open created the profile as a copy of the packed {@link ProfileTemplate}. */
  public boolean createdFromTemplate() {
    return fromTemplate;
  }

  public long schemaCheckMillis() {
    return migration.millis();
  }

  /** For tests in this package: the word index of name-word search. */
  WordIndex wordIndex() {
    return words;
  }

  /** For tests in this package: the jOOQ context over the pool. */
  DSLContext dsl() {
    return tx.read();
  }

  /** Shuts the database down with {@code SHUTDOWN COMPACT}, which rewrites the file small. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    words.close();
    // The shutdown runs on a connection of its own, opened while the pool's keep the database
    // open: a pooled connection rolls back when handed back, and on a database already shut down
    // that rollback fails and H2 writes its stack trace into stockroom.trace.db at every close.
    try (Connection c = ProfileFiles.connect(ProfileFiles.urlOf(profileDir))) {
      pool.dispose();
      try (Statement st = c.createStatement()) {
        st.execute("SHUTDOWN COMPACT");
      }
    } catch (SQLException e) {
      throw new StoreException("could not close the local database in " + profileDir, e);
    } finally {
      pool.dispose();
    }
    // Compacting writes a new file in place of the old one, with the default mode.
    ProfileFiles.ownerOnly(profileDir, false);
  }
}
