package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.SyncLogEntry;
import io.stockroom.protocol.ErrorBody;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.LiveMessage;
import io.stockroom.protocol.OutboxWire;
import io.stockroom.store.MutationQueue;
import io.stockroom.store.SiteLoss;
import io.stockroom.store.SyncStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync cycle, and nothing about when it runs (that is {@link SyncScheduler}'s job):
 *
 * <ol>
 *   <li>pull the sites whole ({@link SitePull});
 *   <li>pull every other entity until {@code has_more} is false, each page applied with its cursor
 *       in one local transaction ({@link EntityPull}); after a live poke, only what it named;
 *   <li>tell the listener that records arrived, so the screens show them before the push (decision
 *       record 0056), and again once the push's answers are settled;
 *   <li>push the due mutations, creates before updates, parents before children, one batch per
 *       entity ({@link PushRounds});
 *   <li>pull again when the server accepted anything;
 *   <li>log the cycle.
 * </ol>
 *
 * <p>No local transaction is open while a request is on the wire. Not thread-safe: the scheduler's
 * single thread calls {@link #run}; {@link #cancel} and {@link #hint} may come from any thread.
 */
public final class SyncEngine {

  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  /** Records per pull page (the protocol's maximum). */
  public static final int PAGE = 1000;

  /** Records pulled and pushed in a cycle from which its writes are forced before the next. */
  static final int SETTLE_AFTER = 500;

  private final SyncStore store;
  private final SyncClient client;
  private final Clock clock;
  private final CycleCancel cancel = new CycleCancel();
  private final LiveHints hints = new LiveHints();
  private final SitePull sites;
  private final EntityPull entities;
  private final PushRounds pushes;

  /**
   * @param requests runs the requests a cycle sends ahead while it works locally (the agent owns
   *     it)
   */
  public SyncEngine(
      SyncStore store,
      SiteLoss siteLoss,
      MutationQueue queue,
      SyncClient client,
      JsonCodec codec,
      Backoff backoff,
      Clock clock,
      Executor requests) {
    this.store = store;
    this.client = client;
    this.clock = clock;
    this.sites = new SitePull(store, siteLoss, client);
    this.entities = new EntityPull(store, client, requests, cancel);
    this.pushes =
        new PushRounds(
            store, queue, client, new OutboxWire(codec), backoff, clock, requests, cancel);
  }

  /**
   * Asks the running cycle to stop at its next page or batch (any thread). What it applied so far
   * stays: every page is committed with its cursor, so the next cycle goes on from there.
   */
  public void cancel() {
    cancel.request();
  }

  /**
   * A poke arrived, perhaps with the page that follows this laptop's cursor (see {@link
   * LiveHints}).
   */
  public void hint(LiveMessage poke) {
    hints.add(poke);
  }

  /**
   * Runs one cycle; never throws for a network or server failure (see the outcome). {@code
   * pulledSoFar} hears the progress of a long pull; {@code arrived} (on this thread, and it must
   * not block) hears when what the server sent is in the local store: after the pull step if it
   * brought records, after the push step if it settled answers (with the pull of what the push
   * changed), and at the end of a cycle that stopped after changing something. Either may be null.
   */
  public CycleResult run(Trigger trigger, IntConsumer pulledSoFar, Runnable arrived) {
    cancel.reset();
    Instant started = clock.instant();
    long nanos = System.nanoTime();
    long sent0 = client.bytesSent();
    long received0 = client.bytesReceived();
    CycleTally tally = new CycleTally();
    int shown = 0; // records the listener has heard of
    String outcome = "ok";
    String error = null;
    Duration retryAfter = null;
    try {
      if (!client.configured()) {
        throw new SyncException(
            SyncException.Kind.UNAUTHORIZED, 0, "signed_out", "not signed in", null);
      }
      LiveHints.Taken hinted = hints.take();
      if (trigger == Trigger.LIVE && hinted != null) {
        // A live poke names what changed: pull only that (decision record 0045), or apply the
        // page the pokes carried when it follows this laptop's cursor (decision record 0049).
        if (hinted.entities().contains(EntityType.SITES)) {
          sites.pull(tally);
        }
        List<EntityType> toPull = new ArrayList<>();
        for (EntityType type : EntityPull.ORDER) {
          if (hinted.entities().contains(type)
              && !entities.applyCarried(type, hinted.pagesOf(type), tally, pulledSoFar)) {
            toPull.add(type);
          }
        }
        entities.pull(toPull, tally, pulledSoFar);
      } else {
        sites.pull(tally);
        entities.pullAll(tally, pulledSoFar);
      }
      shown = arrived(arrived, tally, shown);
      pushes.pushAll(tally);
      if (tally.accepted > 0) {
        // What the accepted mutations changed on the server (decision record 0050); changes by
        // others come by live pokes or the next cycle, from the cursors left where they are.
        entities.pull(EntityPull.changedByPushOf(tally.acceptedTypes), tally, pulledSoFar);
      }
      shown = arrived(arrived, tally, shown);
    } catch (SyncException e) {
      if (e.kind() == SyncException.Kind.UNAUTHORIZED && ErrorBody.TOKEN_REVOKED.equals(e.code())) {
        sites.dropEvery(tally);
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
    arrived(arrived, tally, shown); // a cycle that stopped after changing something
    CycleResult result =
        new CycleResult(
            outcome,
            trigger,
            started,
            clock.instant(),
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
    log(result, error != null || tally.notices.isEmpty() ? error : String.join(" ", tally.notices));
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

  /**
   * Tells the listener when the cycle changed the local store since it last heard ({@code shown}
   * changes, see {@link CycleTally#localChanges}); returns how many it has heard of now.
   */
  private static int arrived(Runnable listener, CycleTally tally, int shown) {
    if (listener != null && tally.localChanges() > shown) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("a listener of pulled records failed", e);
      }
    }
    return tally.localChanges();
  }

  private void log(CycleResult r, String note) {
    try {
      store.log(
          new SyncLogEntry(
              0,
              r.startedAt(),
              r.finishedAt(),
              r.trigger().wireName(),
              r.outcome(),
              r.pulled(),
              r.pushed(),
              r.accepted(),
              r.conflicts(),
              r.rejected(),
              r.failed(),
              r.bytesSent(),
              r.bytesReceived(),
              r.millis(),
              note));
    } catch (RuntimeException e) {
      LOG.warn("could not write the sync log: {}", e.toString());
    }
  }
}
