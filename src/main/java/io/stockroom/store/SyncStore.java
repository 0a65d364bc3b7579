package io.stockroom.store;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.SyncConflict;
import io.stockroom.domain.SyncLogEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the sync agent reads and writes locally, one entry per step of a cycle. Each method is one
 * short transaction and none is ever held across a network call: a pulled page is applied together
 * with its cursor, a push answer marks its mutation and its record together.
 *
 * <p>The work itself is done by one class per job, each in this package:
 *
 * <ul>
 *   <li>{@link PullCursors}: where each entity's pull stands, and re-pulls from scratch;
 *   <li>{@link PulledPages}: applying a pulled page (with {@link DeferredRecords} for records that
 *       a page skipped while a mutation of theirs was open);
 *   <li>{@link PushOutcomes}: what a push answer leaves locally ({@link AcceptedItems}, {@link
 *       BinMerge});
 *   <li>{@link ConflictInbox}: the conflicts inbox;
 *   <li>{@link SyncLog}: one row per cycle;
 *   <li>{@link SiteAttachment}: the local site and its attachment at the first sign-in;
 *   <li>{@link SyncedRows}: how a server record is written into its local row, used by all above.
 * </ul>
 */
public final class SyncStore {

  private final Tx tx;
  private final WordIndex words;
  private final PullCursors cursors;
  private final PulledPages pages;
  private final PushOutcomes outcomes;
  private final ConflictInbox inbox;
  private final SyncLog log;
  private final SiteAttachment site;

  SyncStore(Tx tx, IdGenerator ids, Stamps stamps, MutationQueue queue, WordIndex words) {
    this.tx = tx;
    this.words = words;
    SyncedRows rows = new SyncedRows(stamps, words);
    this.cursors = new PullCursors(tx, stamps);
    this.pages = new PulledPages(tx, stamps, words, rows);
    this.inbox = new ConflictInbox(tx, ids, stamps, rows);
    this.outcomes = new PushOutcomes(tx, stamps, queue, rows, inbox);
    this.log = new SyncLog(tx);
    this.site = new SiteAttachment(tx, stamps);
  }

  ConflictInbox inbox() {
    return inbox;
  }

  SyncLog log() {
    return log;
  }

  /**
   * Writes the cycle's replayable changes (pages, marks) to the file now, on the sync thread, so
   * the user's next forced write does not carry them.
   */
  public void flushReplayable() {
    tx.checkpoint();
  }

  /**
   * Whether name-word search still reads the names, its word index not yet loaded (decision record
   * 0052); asking starts the load.
   */
  public boolean wordIndexLoading() {
    words.load();
    return !words.ready();
  }

  // ---------------------------------------------------------------- pulling

  /** The stored pull cursor of an entity; empty before its first pull ({@link PullCursors}). */
  public Optional<String> cursor(EntityType type) {
    return cursors.cursor(type);
  }

  /**
   * Forgets an entity's cursor after {@code 410 cursor_expired}, with a durable mark that a re-pull
   * from scratch is under way; pending mutations stay.
   */
  public void beginRepull(EntityType type) {
    cursors.beginRepull(type);
  }

  /** Whether a re-pull of the entity was started and never finished. */
  public boolean repullUnderWay(EntityType type) {
    return cursors.repullUnderWay(type);
  }

  /**
   * Ends a re-pull: synced rows it did not serve are marked deleted (unless a mutation of theirs is
   * open); returns how many.
   */
  public int finishRepull(EntityType type, Set<UUID> served) {
    return cursors.finishRepull(type, served);
  }

  /** Whether the profile holds no row at all of an entity (a first pull may presume all new). */
  public boolean holdsNone(EntityType type) {
    return cursors.holdsNone(type);
  }

  /**
   * Applies one pulled page and stores its cursor in one transaction; returns how many records and
   * deletions were applied ({@link PulledPages}).
   */
  public int applyPage(
      EntityType type,
      List<? extends ServerRecord> records,
      Collection<UUID> deletions,
      String cursor) {
    return pages.applyPage(type, records, deletions, cursor);
  }

  /**
   * {@link #applyPage(EntityType, List, Collection, String)}, told whether every record is
   * presumably new (a first pull into an empty profile: inserted without look-ups).
   */
  public int applyPage(
      EntityType type,
      List<? extends ServerRecord> records,
      Collection<UUID> deletions,
      String cursor,
      boolean presumedNew) {
    return pages.applyPage(type, records, deletions, cursor, presumedNew);
  }

  /**
   * Applies a page a live poke carried, with its cursor, if {@code since} is exactly the cursor
   * held (decision record 0049); returns how many were applied, or -1 when it does not follow.
   */
  public int applyCarried(
      EntityType type,
      String since,
      List<? extends ServerRecord> records,
      Collection<UUID> deletions,
      String cursor) {
    return pages.applyCarried(type, since, records, deletions, cursor);
  }

  // ---------------------------------------------------------------- push answers

  /**
   * The server accepted a mutation: it is completed and, unless another mutation of the record is
   * open, the record takes the server's values and is marked synced ({@link PushOutcomes}).
   */
  public void markAccepted(
      QueuedMutation m, UUID serverId, Long serverVersion, ServerRecord record) {
    outcomes.markAccepted(m, serverId, serverVersion, record);
  }

  /**
   * {@link #markAccepted(QueuedMutation, UUID, Long, ServerRecord)} for a run, in one transaction.
   */
  public void markAccepted(List<AcceptedMutation> accepted) {
    outcomes.markAccepted(accepted);
  }

  /**
   * The server answered a conflict: the mutation is done and the inbox keeps both sides, open for
   * the user or already decided by the policy.
   */
  public void markConflict(
      QueuedMutation m,
      ServerRecord serverRecord,
      String reason,
      List<String> fields,
      String policy,
      boolean openForUser) {
    outcomes.markConflict(m, serverRecord, reason, fields, policy, openForUser);
  }

  /** A rejection: the mutation fails at once and its record is flagged {@code error}. */
  public void markRejected(QueuedMutation m, String error) {
    outcomes.markRejected(m, error);
  }

  /** Claimed mutations that got no answer of their own go back to pending, not counted a retry. */
  public void release(Collection<UUID> mutationIds) {
    outcomes.release(mutationIds);
  }

  /** Client-wins: queues the same payload again as a fresh mutation on the server's version. */
  public void resend(QueuedMutation m, Long baseVersion) {
    outcomes.resend(m, baseVersion);
  }

  /** The user discards a failed mutation; its record goes back to what the server holds. */
  public void discard(UUID mutationId) {
    outcomes.discard(mutationId);
  }

  /** Failed mutations, oldest first. */
  public List<QueuedMutation> failed() {
    return outcomes.failed();
  }

  /** How many mutations are open (pending, in flight or failed). */
  public int openCount() {
    return outcomes.openCount();
  }

  // ---------------------------------------------------------------- conflicts, log, site

  /** The conflicts inbox, oldest first: the open entries only, or all of them. */
  public List<SyncConflict> conflicts(boolean openOnly) {
    return inbox.conflicts(openOnly);
  }

  /** Settles an open conflict; its record's flag goes once no open entry is left for it. */
  public void resolve(UUID conflictId, String resolution) {
    inbox.resolve(conflictId, resolution);
  }

  /** Logs a cycle (the last 10,000 are kept). */
  public void log(SyncLogEntry e) {
    log.log(e);
  }

  /** The latest cycles, newest first. */
  public List<SyncLogEntry> recentLog(int limit) {
    return log.recentLog(limit);
  }

  /** When the last cycle that reached the server ended well, if ever. */
  public Optional<Instant> lastSuccess() {
    return log.lastSuccess();
  }

  /**
   * Attaches the profile's local site to a server site at the first sign-in, rows and queued
   * payloads in one transaction; returns whether it was attached now ({@link SiteAttachment}).
   */
  public boolean attachLocalSite(UUID siteId, String code, String name) {
    return site.attach(siteId, code, name);
  }

  /** Whether the profile still works on its unattached local site. */
  public boolean onLocalSite() {
    return site.onLocalSite();
  }
}
