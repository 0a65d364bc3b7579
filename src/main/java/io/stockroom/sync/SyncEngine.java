package io.stockroom.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.SyncLogEntry;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.Mutation;
import io.stockroom.protocol.MutationResult;
import io.stockroom.protocol.PullResponse;
import io.stockroom.protocol.PushResponse;
import io.stockroom.protocol.WireTime;
import io.stockroom.store.AcceptedMutation;
import io.stockroom.store.MutationQueue;
import io.stockroom.store.SiteLoss;
import io.stockroom.store.SyncStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync cycle, and nothing about when it runs (that is {@link SyncScheduler}'s job): pull every
 * entity until {@code has_more} is false, each page applied with its cursor in one local
 * transaction; push the due mutations (creates before updates, parents before children, one batch
 * per entity); pull again when the server accepted anything. No local transaction is open while a
 * request is on the wire. Not thread-safe: the scheduler's single thread calls it.
 */
public final class SyncEngine {

  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  /** Records per pull page (the protocol's maximum). */
  public static final int PAGE = 1000;

  /** Mutations per push request (the protocol allows 1000). */
  public static final int BATCH = 500;

  /** Uncompressed bytes per push request, well under the protocol's 8 MiB. */
  static final int BATCH_BYTES = 4 * 1024 * 1024;

  /** Pulled by cursor each cycle; sites are pulled whole first ({@link #pullSites}). */
  private static final List<EntityType> PULL_ORDER =
      java.util.Arrays.stream(EntityType.values()).filter(t -> t != EntityType.SITES).toList();

  /** Records pulled and pushed in a cycle from which its writes are forced before the next. */
  static final int SETTLE_AFTER = 500;

  private final SyncStore store;
  private final SiteLoss siteLoss;
  private final MutationQueue queue;
  private final SyncClient client;
  private final JsonCodec codec;
  private final Backoff backoff;
  private final Clock clock;
  private volatile boolean cancelled;

  public SyncEngine(
      SyncStore store,
      SiteLoss siteLoss,
      MutationQueue queue,
      SyncClient client,
      JsonCodec codec,
      Backoff backoff,
      Clock clock) {
    this.store = store;
    this.siteLoss = siteLoss;
    this.queue = queue;
    this.client = client;
    this.codec = codec;
    this.backoff = backoff;
    this.clock = clock;
  }

  /** Counters of one cycle. */
  private static final class Tally {
    int pulled;
    int pushed;
    int accepted;
    int conflicts;
    int rejected;
    int failed;
    final List<String> notices = new ArrayList<>();
  }

  /**
   * Asks the running cycle to stop at its next page or batch (any thread). What it applied so far
   * stays: every page is committed with its cursor, so the next cycle goes on from there.
   */
  public void cancel() {
    cancelled = true;
  }

  private void stopIfCancelled() throws SyncException {
    if (cancelled) {
      throw new SyncException(
          SyncException.Kind.CANCELLED, 0, "cancelled", "sync cancelled by the user", null);
    }
  }

  /** Entities the live channel said changed since the last cycle began. */
  private final Set<EntityType> hints = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A hint named an entity this release does not know: the next cycle pulls everything. */
  private volatile boolean unknownHint;

  /**
   * The live channel said {@code entity} changed. A cycle run for {@link Trigger#LIVE} then pulls
   * only the entities named since the last cycle began; any other cycle pulls all of them, and
   * either way the hints are used up.
   */
  public void hint(String entity) {
    EntityType.fromWireName(entity).ifPresentOrElse(hints::add, () -> unknownHint = true);
  }

  /** The hints so far, emptied; null when a hint was unknown or none came (pull everything). */
  private Set<EntityType> takeHints() {
    boolean unknown = unknownHint;
    unknownHint = false;
    Set<EntityType> taken = java.util.EnumSet.noneOf(EntityType.class);
    for (EntityType t : EntityType.values()) {
      if (hints.remove(t)) {
        taken.add(t);
      }
    }
    return unknown || taken.isEmpty() ? null : taken;
  }

  /** Runs one cycle; never throws for a network or server failure (see the outcome). */
  public CycleResult run(Trigger trigger, IntConsumer pulledSoFar) {
    cancelled = false;
    Instant started = clock.instant();
    long nanos = System.nanoTime();
    long sent0 = client.bytesSent();
    long received0 = client.bytesReceived();
    Tally tally = new Tally();
    String outcome = "ok";
    String error = null;
    java.time.Duration retryAfter = null;
    try {
      if (!client.configured()) {
        throw new SyncException(
            SyncException.Kind.UNAUTHORIZED, 0, "signed_out", "not signed in", null);
      }
      Set<EntityType> hinted = takeHints();
      if (trigger == Trigger.LIVE && hinted != null) {
        // A live poke names what changed: pull only that (decision record 0045).
        if (hinted.contains(EntityType.SITES)) {
          pullSites(tally);
        }
        pull(PULL_ORDER.stream().filter(hinted::contains).toList(), tally, pulledSoFar);
      } else {
        pullSites(tally);
        pullAll(tally, pulledSoFar);
      }
      pushAll(tally);
      if (tally.accepted > 0) {
        pullAll(tally, pulledSoFar);
      }
    } catch (SyncException e) {
      if (e.kind() == SyncException.Kind.UNAUTHORIZED
          && io.stockroom.protocol.ErrorBody.TOKEN_REVOKED.equals(e.code())) {
        dropEverySite(tally);
      }
      error = e.getMessage();
      retryAfter = e.retryAfter();
      outcome =
          switch (e.kind()) {
            case TRANSIENT -> "offline";
            case UNAUTHORIZED -> "signed_out";
            case CANCELLED -> "cancelled";
            default -> "error";
          };
    } catch (RuntimeException e) {
      LOG.warn("sync cycle failed", e);
      outcome = "error";
      error = e.toString();
    }
    // Search words a first pull left out are written now, off this thread (decision record 0032).
    store.writeOwedWords();
    Instant finished = clock.instant();
    CycleResult result =
        new CycleResult(
            outcome,
            trigger,
            started,
            finished,
            tally.pulled,
            tally.pushed,
            tally.accepted,
            tally.conflicts,
            tally.rejected,
            tally.failed,
            client.bytesSent() - sent0,
            client.bytesReceived() - received0,
            (System.nanoTime() - nanos) / 1_000_000,
            error,
            retryAfter,
            tally.notices);
    try {
      store.log(
          new SyncLogEntry(
              0,
              started,
              finished,
              trigger.wireName(),
              outcome,
              result.pulled(),
              result.pushed(),
              result.accepted(),
              result.conflicts(),
              result.rejected(),
              result.failed(),
              result.bytesSent(),
              result.bytesReceived(),
              result.millis(),
              error != null || tally.notices.isEmpty() ? error : String.join(" ", tally.notices)));
    } catch (RuntimeException e) {
      LOG.warn("could not write the sync log: {}", e.toString());
    }
    if (tally.pulled + tally.pushed >= SETTLE_AFTER) {
      // A big cycle's replayable pages and marks go to disk now, on this thread, not with the
      // user's next change (decision record 0041); a small cycle's cost too little to bother.
      try {
        store.flushReplayable();
      } catch (RuntimeException e) {
        LOG.debug("could not write the cycle's pages ahead: {}", e.toString());
      }
    }
    return result;
  }

  // ------------------------------------------------------------------ pull

  /**
   * Pulls the sites whole, every cycle (they are few), because a site the user was taken off is
   * only seen as one the server no longer serves. A site lost that way leaves the laptop, its
   * unsynced changes held back first ({@link SiteLoss}); a site gained is pulled from scratch, as
   * its bins and stock were left out of every earlier pull; held-back changes of a site that is
   * here again are queued again.
   */
  private void pullSites(Tally tally) throws SyncException {
    List<PullResponse> pages = new ArrayList<>();
    Set<UUID> served = new HashSet<>();
    String cursor = null;
    do {
      PullResponse page = client.pull(EntityType.SITES.wireName(), cursor, PAGE);
      pages.add(page);
      if (page.records() != null) {
        page.records().forEach(r -> served.add(UUID.fromString(r.get("id").asText())));
      }
      cursor = page.cursor();
      if (!page.hasMore()) {
        break;
      }
    } while (true);
    if (!siteLoss.serverSites().containsAll(served)) {
      for (EntityType type : SiteLoss.SITE_SCOPED) {
        if (store.cursor(type).isPresent()) {
          store.beginRepull(type); // the new site's rows are older than the cursor
        }
      }
    }
    for (PullResponse page : pages) {
      List<ObjectNode> records = page.records() == null ? List.of() : page.records();
      List<UUID> deletions = page.deletions() == null ? List.of() : page.deletions();
      tally.pulled += store.applyPage(EntityType.SITES, records, deletions, page.cursor());
    }
    for (SiteLoss.Dropped d : siteLoss.dropAllBut(served)) {
      tally.notices.add(lost(d, "you no longer work in it"));
    }
    SiteLoss.Requeued requeued = siteLoss.requeueHeld();
    if (requeued.queued() > 0) {
      tally.notices.add(
          requeued.queued()
              + " change(s) held back from a site that is yours again are queued again");
    }
    for (java.nio.file.Path p : requeued.setAside()) {
      tally.notices.add(
          "A file of held-back changes could not be read and was set aside as "
              + p
              + "; support can recover what it holds.");
    }
  }

  /** A revoked sign-in (a device reported stolen): no site of the server stays on the laptop. */
  private void dropEverySite(Tally tally) {
    try {
      for (SiteLoss.Dropped d : siteLoss.dropAllBut(Set.of())) {
        tally.notices.add(lost(d, "this device's sign-in was revoked"));
      }
    } catch (RuntimeException e) {
      LOG.warn("could not remove the sites of a revoked sign-in", e);
    }
  }

  private static String lost(SiteLoss.Dropped d, String why) {
    String held =
        d.changes() == 0
            ? "it had no unsynced changes"
            : d.changes()
                + " unsynced change(s) are kept in "
                + d.file()
                + " and go out when the site is yours again";
    return "Site "
        + d.code()
        + " was removed from this laptop ("
        + why
        + "); "
        + held
        + "."
        + (d.wasCurrent()
            ? " You now work in this laptop's own site: sign in again to choose a site."
            : "");
  }

  private void pullAll(Tally tally, IntConsumer progress) throws SyncException {
    pull(PULL_ORDER, tally, progress);
  }

  private void pull(List<EntityType> types, Tally tally, IntConsumer progress)
      throws SyncException {
    for (EntityType type : types) {
      if (store.repullUnderWay(type)) {
        repull(type, tally, progress); // one that an earlier crash or failure cut short
        continue;
      }
      try {
        pull(type, tally, progress, null);
      } catch (SyncException e) {
        if (e.kind() != SyncException.Kind.CURSOR_EXPIRED) {
          throw e;
        }
        LOG.info("cursor of {} expired; pulling it again from the start", type.wireName());
        repull(type, tally, progress);
      }
    }
  }

  /**
   * Pulls an entity from scratch and then drops what the server no longer serves: past the
   * tombstone horizon, deletions are not sent as tombstones any more, only left out.
   */
  private void repull(EntityType type, Tally tally, IntConsumer progress) throws SyncException {
    store.beginRepull(type);
    Set<UUID> served = new HashSet<>();
    pull(type, tally, progress, served);
    int gone = store.finishRepull(type, served);
    if (gone > 0) {
      LOG.info(
          "{} {} record(s) the server no longer has were marked deleted", gone, type.wireName());
    }
  }

  /**
   * Pulls one entity page by page. The next page is asked for while this one is applied (its cursor
   * is the server's, known before the apply), on a thread of its own: the request, the server's
   * work and the JSON parsing then overlap the local transaction instead of following it. Only one
   * request is ever on the wire, in the same order as without the overlap, and none is left running
   * when this returns (decision record 0029).
   */
  private void pull(EntityType type, Tally tally, IntConsumer progress, Set<UUID> served)
      throws SyncException {
    String cursor = store.cursor(type).orElse(null);
    // A first pull into a profile that holds none of these: every record is presumably new.
    boolean presumedNew = cursor == null && store.holdsNone(type);
    PullResponse page = client.pull(type.wireName(), cursor, PAGE);
    while (true) {
      PullAhead next = page.hasMore() ? new PullAhead(type, page.cursor()) : null;
      try {
        apply(type, page, presumedNew, tally, progress, served);
        if (next != null) {
          stopIfCancelled();
        }
      } catch (SyncException | RuntimeException e) {
        if (next != null) {
          next.abandon();
        }
        throw e;
      }
      if (next == null) {
        return;
      }
      page = next.page();
    }
  }

  private void apply(
      EntityType type,
      PullResponse page,
      boolean presumedNew,
      Tally tally,
      IntConsumer progress,
      Set<UUID> served) {
    List<ObjectNode> records = page.records() == null ? List.of() : page.records();
    List<UUID> deletions = page.deletions() == null ? List.of() : page.deletions();
    store.applyPage(type, records, deletions, page.cursor(), presumedNew);
    if (served != null) {
      for (ObjectNode r : records) {
        served.add(UUID.fromString(r.get("id").asText()));
      }
      deletions.forEach(served::remove);
    }
    tally.pulled += records.size() + deletions.size();
    if (progress != null && !records.isEmpty()) {
      progress.accept(tally.pulled);
    }
  }

  /** The request for the next page of an entity, running on its own short-lived thread. */
  private final class PullAhead {

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile PullResponse page;
    private volatile SyncException failure;
    private volatile RuntimeException crash;

    PullAhead(EntityType type, String cursor) {
      thread =
          new Thread(
              () -> {
                try {
                  page = client.pull(type.wireName(), cursor, PAGE);
                } catch (SyncException e) {
                  failure = e;
                } catch (RuntimeException e) {
                  crash = e;
                } finally {
                  done.countDown();
                }
              },
              "stockroom-pull-ahead");
      thread.setDaemon(true);
      thread.start();
    }

    /** The page, once it has arrived; or the request's failure. */
    PullResponse page() throws SyncException {
      awaitDone();
      if (failure != null) {
        throw failure;
      }
      if (crash != null) {
        throw crash;
      }
      return page;
    }

    /** The cycle ends without this page: the request is interrupted and waited for. */
    void abandon() {
      thread.interrupt();
      awaitDone();
    }

    private void awaitDone() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the request ends by itself (its timeout); wait for it all the same
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ------------------------------------------------------------------ push

  private void pushAll(Tally tally) throws SyncException {
    List<UUID> previous = List.of();
    while (true) {
      List<QueuedMutation> due = queue.due(PushLimits.ROUND);
      List<UUID> dueIds = due.stream().map(QueuedMutation::id).toList();
      if (due.isEmpty() || dueIds.equals(previous)) {
        return; // nothing due, or nothing moved since the last round
      }
      previous = dueIds;
      pushRound(batches(order(due)), tally);
    }
  }

  /**
   * Pushes the batches of one round in order, one request on the wire at a time. Batch N+1 is
   * claimed while batch N is on its way; once N is answered, N+1 is sent on a thread of its own and
   * N's answers are marked meanwhile: the local claim and marking overlap the requests and the
   * server's work instead of following them (decision record 0033). A failed batch is settled
   * before anything else is sent (if that ends the round, the batch claimed after it goes back to
   * pending); nothing is left on the wire when this returns or throws.
   */
  private void pushRound(List<List<QueuedMutation>> batches, Tally tally) throws SyncException {
    PushAhead sent = null;
    try {
      for (List<QueuedMutation> batch : batches) {
        stopIfCancelled();
        List<QueuedMutation> claimed = claim(batch); // while the batch before is on its way
        if (claimed.isEmpty()) {
          continue;
        }
        PushResponse answered = null;
        try {
          if (sent != null) {
            try {
              answered = sent.response();
            } catch (SyncException e) {
              PushAhead failed = sent;
              sent = null;
              handleBatchFailure(failed.claimed, e, tally);
            }
          }
        } catch (SyncException | RuntimeException stop) {
          store.release(claimed.stream().map(QueuedMutation::id).toList());
          throw stop;
        }
        PushAhead previous = answered == null ? null : sent;
        sent = new PushAhead(claimed);
        if (previous != null) {
          settle(previous.claimed, answered, tally);
        }
      }
      if (sent != null) {
        PushAhead last = sent;
        sent = null;
        PushResponse answered;
        try {
          answered = last.response();
        } catch (SyncException e) {
          handleBatchFailure(last.claimed, e, tally);
          return;
        }
        settle(last.claimed, answered, tally);
      }
    } finally {
      if (sent != null) {
        finishEarly(sent, tally);
      }
    }
  }

  /**
   * The round ends early (a cancel, or marking the previous batch failed) with a request on the
   * wire: it is waited for and its answer marked; if it failed, its mutations go back to pending
   * and a later push replays their keys. A local failure here is logged, not thrown over the first
   * one (rows left in flight go back to pending when the app next starts).
   */
  private void finishEarly(PushAhead sent, Tally tally) {
    try {
      PushResponse answered;
      try {
        answered = sent.response();
      } catch (SyncException e) {
        store.release(sent.claimed.stream().map(QueuedMutation::id).toList());
        return;
      }
      settle(sent.claimed, answered, tally);
    } catch (RuntimeException e) {
      LOG.warn("could not settle a push batch after the round ended early: {}", e.toString());
    }
  }

  /** A push request running on its own short-lived thread, for the mutations it claimed. */
  private final class PushAhead {

    private final List<QueuedMutation> claimed;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile PushResponse answer;
    private volatile SyncException failure;
    private volatile RuntimeException crash;

    PushAhead(List<QueuedMutation> claimed) {
      this.claimed = claimed;
      List<Mutation> wire = new ArrayList<>(claimed.size());
      for (QueuedMutation m : claimed) {
        wire.add(toWire(m));
      }
      thread =
          new Thread(
              () -> {
                try {
                  answer = client.push(wire);
                } catch (SyncException e) {
                  failure = e;
                } catch (RuntimeException e) {
                  crash = e;
                } finally {
                  done.countDown();
                }
              },
              "stockroom-push-ahead");
      thread.setDaemon(true);
      thread.start();
    }

    /** The answer, once it has arrived; or the request's failure. */
    PushResponse response() throws SyncException {
      awaitDone();
      if (failure != null) {
        throw failure;
      }
      if (crash != null) {
        throw crash;
      }
      return answer;
    }

    private void awaitDone() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the request ends by itself (its timeout); wait for it all the same
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Creates before updates before deletes, parents before children, then queue order. */
  static List<QueuedMutation> order(List<QueuedMutation> due) {
    List<QueuedMutation> sorted = new ArrayList<>(due);
    sorted.sort(
        Comparator.comparing((QueuedMutation m) -> m.entityType().ordinal())
            .thenComparing(m -> actionRank(m.action()))
            .thenComparingLong(QueuedMutation::seq));
    return sorted;
  }

  private static int actionRank(MutationAction a) {
    return switch (a) {
      case CREATE -> 0;
      case UPDATE -> 1;
      case DELETE -> 2;
    };
  }

  /** Consecutive runs of one entity, cut at the batch size and byte budget. */
  static List<List<QueuedMutation>> batches(List<QueuedMutation> ordered) {
    List<List<QueuedMutation>> out = new ArrayList<>();
    List<QueuedMutation> current = new ArrayList<>();
    long bytes = 0;
    for (QueuedMutation m : ordered) {
      boolean cut =
          !current.isEmpty()
              && (current.get(0).entityType() != m.entityType()
                  || current.size() >= BATCH
                  || bytes + m.payload().length() > BATCH_BYTES);
      if (cut) {
        out.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(m);
      bytes += m.payload().length();
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** Claims, sends and settles one batch, all on this thread. */
  private void pushBatch(List<QueuedMutation> batch, Tally tally) throws SyncException {
    List<QueuedMutation> claimed = claim(batch);
    if (claimed.isEmpty()) {
      return;
    }
    List<Mutation> wire = new ArrayList<>(claimed.size());
    for (QueuedMutation m : claimed) {
      wire.add(toWire(m));
    }
    PushResponse response;
    try {
      response = client.push(wire);
    } catch (SyncException e) {
      handleBatchFailure(claimed, e, tally);
      return;
    }
    settle(claimed, response, tally);
  }

  /** Marks a batch in flight and returns the rows claimed, as they are now, in batch order. */
  private List<QueuedMutation> claim(List<QueuedMutation> batch) {
    List<UUID> ids = batch.stream().map(QueuedMutation::id).toList();
    queue.markInFlight(ids);
    // Read again after claiming: a local write may have folded into a row just before the claim.
    List<QueuedMutation> claimed = new ArrayList<>();
    Map<UUID, QueuedMutation> current = new HashMap<>();
    for (QueuedMutation m : queue.getAll(ids)) {
      current.put(m.id(), m);
    }
    for (UUID id : ids) {
      QueuedMutation m = current.get(id);
      if (m != null && m.status() == MutationStatus.IN_FLIGHT) {
        claimed.add(m);
      }
    }
    return claimed;
  }

  /** Applies the server's answer to a batch it accepted as a request. */
  private void settle(List<QueuedMutation> claimed, PushResponse response, Tally tally) {
    tally.pushed += claimed.size();
    Map<UUID, MutationResult> byKey = new HashMap<>();
    if (response.results() != null) {
      for (MutationResult r : response.results()) {
        if (r != null && r.idempotencyKey() != null) {
          byKey.put(r.idempotencyKey(), r);
        }
      }
    }
    // Runs of accepted results are marked in one local transaction each; anything else is applied
    // on its own, in queue order.
    List<AcceptedMutation> accepted = new ArrayList<>();
    for (QueuedMutation m : claimed) {
      MutationResult r = byKey.get(m.idempotencyKey());
      if (r != null && MutationResult.ACCEPTED.equals(r.status())) {
        accepted.add(new AcceptedMutation(m, r.serverId(), r.serverVersion(), r.record()));
        tally.accepted++;
        continue;
      }
      store.markAccepted(accepted);
      accepted.clear();
      if (r == null) {
        store.release(List.of(m.id()));
      } else {
        apply(m, r, tally);
      }
    }
    store.markAccepted(accepted);
  }

  private void handleBatchFailure(List<QueuedMutation> claimed, SyncException e, Tally tally)
      throws SyncException {
    switch (e.kind()) {
      case TRANSIENT -> {
        Instant now = clock.instant();
        for (QueuedMutation m : claimed) {
          int attempt = m.retryCount() + 1;
          Instant next = now.plus(backoff.delay(attempt, e.retryAfter()));
          if (queue.markRetry(m.id(), e.getMessage(), next) == MutationStatus.FAILED) {
            tally.failed++;
          }
        }
        throw e;
      }
      case REJECTED -> {
        if (claimed.size() > 1) {
          // One bad mutation must not sink its batch: send them one by one.
          store.release(claimed.stream().map(QueuedMutation::id).toList());
          for (QueuedMutation m : claimed) {
            pushBatch(List.of(m), tally);
          }
        } else {
          QueuedMutation m = claimed.get(0);
          store.markRejected(m, e.code() + ": " + e.getMessage());
          tally.pushed++;
          tally.rejected++;
          tally.failed++;
        }
      }
      default -> {
        store.release(claimed.stream().map(QueuedMutation::id).toList());
        throw e;
      }
    }
  }

  private void apply(QueuedMutation m, MutationResult r, Tally tally) {
    switch (r.status() == null ? "" : r.status()) {
      case MutationResult.ACCEPTED -> {
        store.markAccepted(m, r.serverId(), r.serverVersion(), r.record());
        tally.accepted++;
      }
      case MutationResult.CONFLICT -> {
        ConflictPolicy policy = ConflictPolicy.of(m.entityType());
        tally.conflicts++;
        switch (policy.outcome()) {
          case ASK_USER ->
              store.markConflict(
                  m, r.serverRecord(), r.reason(), r.conflictFields(), policy.name(), true);
          case SERVER_DECIDED ->
              store.markConflict(
                  m, r.serverRecord(), r.reason(), r.conflictFields(), policy.name(), false);
          case RESEND_MINE -> {
            store.markConflict(
                m, r.serverRecord(), r.reason(), r.conflictFields(), policy.name(), false);
            Long version =
                r.serverRecord() != null && r.serverRecord().hasNonNull("version")
                    ? r.serverRecord().get("version").asLong()
                    : null;
            store.resend(m, version);
          }
        }
      }
      case MutationResult.REJECTED -> {
        String code = r.error() == null ? "rejected" : r.error().code();
        String message = r.error() == null ? "" : r.error().message();
        store.markRejected(m, code + ": " + message);
        tally.rejected++;
        tally.failed++;
      }
      default -> store.release(List.of(m.id()));
    }
  }

  /** The outbox row in wire form. */
  Mutation toWire(QueuedMutation m) {
    JsonNode payload;
    try {
      payload = codec.mapper().readTree(m.payload());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable queued payload of " + m.id(), e);
    }
    ObjectNode data =
        payload.get("data") instanceof ObjectNode o ? o : codec.mapper().createObjectNode();
    Map<String, String> fieldClock = null;
    JsonNode fc = payload.get("field_clock");
    if (fc != null && fc.isObject()) {
      fieldClock = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : fc.properties()) {
        fieldClock.put(e.getKey(), e.getValue().asText());
      }
    }
    Long clientVersion =
        payload.hasNonNull("client_version") ? payload.get("client_version").asLong() : null;
    Instant updatedAt =
        payload.hasNonNull("client_updated_at")
            ? WireTime.parse(payload.get("client_updated_at").asText())
            : null;
    return new Mutation(
        m.idempotencyKey(),
        m.entityType().wireName(),
        m.action().wireName(),
        m.entityId(),
        data,
        m.baseVersion(),
        clientVersion,
        updatedAt,
        fieldClock);
  }

  /** How many due mutations one push round reads. */
  static final class PushLimits {
    static final int ROUND = 2000;

    private PushLimits() {}
  }
}
