package io.stockroom.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.QueuedMutation;
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
  private final DeferredWords words;
  private final PullCursors cursors;
  private final PulledPages pages;
  private final PushOutcomes outcomes;
  private final ConflictInbox inbox;
  private final SyncLog log;
  private final SiteAttachment site;

  SyncStore(Tx tx, IdGenerator ids, Stamps stamps, MutationQueue queue, DeferredWords words) {
    this.tx = tx;
    this.words = words;
    SyncedRows rows = new SyncedRows(stamps);
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
   * Starts writing, in the background, the search words that pages presumed new left out (see
   * {@link #applyPage(EntityType, List, Collection, String, boolean)}); nothing happens when none
   * are owed or the writing is under way. Meant for the end of a sync cycle.
   */
  public void writeOwedWords() {
    words.start();
  }

  /** Whether some items still lack their search words (a name-word search is slower meanwhile). */
  public boolean wordsOwed() {
    return words.owed();
  }

  // ---------------------------------------------------------------- pulling

  /** See {@link PullCursors#cursor}. */
  public Optional<String> cursor(EntityType type) {
    return cursors.cursor(type);
  }

  /** See {@link PullCursors#beginRepull(EntityType)}. */
  public void beginRepull(EntityType type) {
    cursors.beginRepull(type);
  }

  /** See {@link PullCursors#repullUnderWay}. */
  public boolean repullUnderWay(EntityType type) {
    return cursors.repullUnderWay(type);
  }

  /** See {@link PullCursors#finishRepull}. */
  public int finishRepull(EntityType type, Set<UUID> served) {
    return cursors.finishRepull(type, served);
  }

  /** See {@link PullCursors#holdsNone}. */
  public boolean holdsNone(EntityType type) {
    return cursors.holdsNone(type);
  }

  /** See {@link PulledPages#applyPage(EntityType, List, Collection, String)}. */
  public int applyPage(
      EntityType type, List<ObjectNode> records, Collection<UUID> deletions, String cursor) {
    return pages.applyPage(type, records, deletions, cursor);
  }

  /** See {@link PulledPages#applyPage(EntityType, List, Collection, String, boolean)}. */
  public int applyPage(
      EntityType type,
      List<ObjectNode> records,
      Collection<UUID> deletions,
      String cursor,
      boolean presumedNew) {
    return pages.applyPage(type, records, deletions, cursor, presumedNew);
  }

  // ---------------------------------------------------------------- push answers

  /** See {@link PushOutcomes#markAccepted(QueuedMutation, UUID, Long, ObjectNode)}. */
  public void markAccepted(QueuedMutation m, UUID serverId, Long serverVersion, ObjectNode record) {
    outcomes.markAccepted(m, serverId, serverVersion, record);
  }

  /** See {@link PushOutcomes#markAccepted(List)}. */
  public void markAccepted(List<AcceptedMutation> accepted) {
    outcomes.markAccepted(accepted);
  }

  /** See {@link PushOutcomes#markConflict}. */
  public void markConflict(
      QueuedMutation m,
      ObjectNode serverRecord,
      String reason,
      List<String> fields,
      String policy,
      boolean openForUser) {
    outcomes.markConflict(m, serverRecord, reason, fields, policy, openForUser);
  }

  /** See {@link PushOutcomes#markRejected}. */
  public void markRejected(QueuedMutation m, String error) {
    outcomes.markRejected(m, error);
  }

  /** See {@link PushOutcomes#release}. */
  public void release(Collection<UUID> mutationIds) {
    outcomes.release(mutationIds);
  }

  /** See {@link PushOutcomes#resend}. */
  public void resend(QueuedMutation m, Long baseVersion) {
    outcomes.resend(m, baseVersion);
  }

  /** See {@link PushOutcomes#discard}. */
  public void discard(UUID mutationId) {
    outcomes.discard(mutationId);
  }

  /** See {@link PushOutcomes#failed}. */
  public List<QueuedMutation> failed() {
    return outcomes.failed();
  }

  /** See {@link PushOutcomes#openCount}. */
  public int openCount() {
    return outcomes.openCount();
  }

  // ---------------------------------------------------------------- conflicts, log, site

  /** See {@link ConflictInbox#conflicts}. */
  public List<SyncConflict> conflicts(boolean openOnly) {
    return inbox.conflicts(openOnly);
  }

  /** See {@link ConflictInbox#resolve(UUID, String)}. */
  public void resolve(UUID conflictId, String resolution) {
    inbox.resolve(conflictId, resolution);
  }

  /** See {@link SyncLog#log}. */
  public void log(SyncLogEntry e) {
    log.log(e);
  }

  /** See {@link SyncLog#recentLog}. */
  public List<SyncLogEntry> recentLog(int limit) {
    return log.recentLog(limit);
  }

  /** See {@link SyncLog#lastSuccess}. */
  public Optional<Instant> lastSuccess() {
    return log.lastSuccess();
  }

  /** See {@link SiteAttachment#attach}. */
  public boolean attachLocalSite(UUID siteId, String code, String name) {
    return site.attach(siteId, code, name);
  }

  /** See {@link SiteAttachment#onLocalSite}. */
  public boolean onLocalSite() {
    return site.onLocalSite();
  }
}
