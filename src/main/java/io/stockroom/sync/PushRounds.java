package io.stockroom.sync;

import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.protocol.Mutation;
import io.stockroom.protocol.OutboxWire;
import io.stockroom.protocol.PushResponse;
import io.stockroom.store.MutationQueue;
import io.stockroom.store.SyncStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the due mutations, round after round, in batches ({@link PushPlan}); settles a batch's
 * answer ({@link PushAnswers}) or its failure (retry with backoff, one by one after a rejected
 * batch, back to pending otherwise). No local transaction is open while a request is on the wire.
 */
final class PushRounds {

  private static final Logger LOG = LoggerFactory.getLogger(PushRounds.class);

  private final SyncStore store;
  private final MutationQueue queue;
  private final SyncClient client;
  private final OutboxWire outbox;
  private final PushAnswers answers;
  private final Backoff backoff;
  private final Clock clock;
  private final Executor requests;
  private final CycleCancel cancel;

  PushRounds(
      SyncStore store,
      MutationQueue queue,
      SyncClient client,
      OutboxWire outbox,
      Backoff backoff,
      Clock clock,
      Executor requests,
      CycleCancel cancel) {
    this.store = store;
    this.queue = queue;
    this.client = client;
    this.outbox = outbox;
    this.answers = new PushAnswers(store);
    this.backoff = backoff;
    this.clock = clock;
    this.requests = requests;
    this.cancel = cancel;
  }

  /** A push request on its way, for the mutations it claimed. */
  private record Sent(List<QueuedMutation> claimed, RequestAhead<PushResponse> request) {}

  private Sent send(List<QueuedMutation> claimed) {
    List<Mutation> wire = new ArrayList<>(claimed.size());
    for (QueuedMutation m : claimed) {
      wire.add(outbox.toWire(m));
    }
    return new Sent(claimed, new RequestAhead<>(requests, () -> client.push(wire)));
  }

  void pushAll(CycleTally tally) throws SyncException {
    List<UUID> previous = List.of();
    while (true) {
      List<QueuedMutation> due = queue.due(PushPlan.ROUND);
      List<UUID> dueIds = due.stream().map(QueuedMutation::id).toList();
      if (due.isEmpty() || dueIds.equals(previous)) {
        return; // nothing due, or nothing moved since the last round
      }
      previous = dueIds;
      pushRound(PushPlan.batches(PushPlan.order(due)), tally);
    }
  }

  /**
   * Pushes the batches of one round in order, one request on the wire at a time. Batch N+1 is
   * claimed while batch N is on its way; once N is answered, N+1 is sent on a thread of the agent's
   * request executor and N's answers are marked meanwhile: the local claim and marking overlap the
   * requests and the server's work instead of following them (decision record 0033). A failed batch
   * is settled before anything else is sent (if that ends the round, the batch claimed after it
   * goes back to pending); nothing is left on the wire when this returns or throws.
   */
  private void pushRound(List<List<QueuedMutation>> batches, CycleTally tally)
      throws SyncException {
    Sent sent = null;
    try {
      for (List<QueuedMutation> batch : batches) {
        cancel.check();
        List<QueuedMutation> claimed = claim(batch); // while the batch before is on its way
        if (claimed.isEmpty()) {
          continue;
        }
        PushResponse answered = null;
        try {
          if (sent != null) {
            try {
              answered = sent.request().answer();
            } catch (SyncException e) {
              Sent failed = sent;
              sent = null;
              handleBatchFailure(failed.claimed(), e, tally);
            }
          }
        } catch (SyncException | RuntimeException stop) {
          store.release(claimed.stream().map(QueuedMutation::id).toList());
          throw stop;
        }
        Sent previous = answered == null ? null : sent;
        sent = send(claimed);
        if (previous != null) {
          answers.settle(previous.claimed(), answered, tally);
        }
      }
      if (sent != null) {
        Sent last = sent;
        sent = null;
        PushResponse answered;
        try {
          answered = last.request().answer();
        } catch (SyncException e) {
          handleBatchFailure(last.claimed(), e, tally);
          return;
        }
        answers.settle(last.claimed(), answered, tally);
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
  private void finishEarly(Sent sent, CycleTally tally) {
    try {
      PushResponse answered;
      try {
        answered = sent.request().answer();
      } catch (SyncException e) {
        store.release(sent.claimed().stream().map(QueuedMutation::id).toList());
        return;
      }
      answers.settle(sent.claimed(), answered, tally);
    } catch (RuntimeException e) {
      LOG.warn("could not settle a push batch after the round ended early: {}", e.toString());
    }
  }

  /** Claims, sends and settles one batch, all on this thread. */
  private void pushBatch(List<QueuedMutation> batch, CycleTally tally) throws SyncException {
    List<QueuedMutation> claimed = claim(batch);
    if (claimed.isEmpty()) {
      return;
    }
    List<Mutation> wire = new ArrayList<>(claimed.size());
    for (QueuedMutation m : claimed) {
      wire.add(outbox.toWire(m));
    }
    PushResponse response;
    try {
      response = client.push(wire);
    } catch (SyncException e) {
      handleBatchFailure(claimed, e, tally);
      return;
    }
    answers.settle(claimed, response, tally);
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

  private void handleBatchFailure(List<QueuedMutation> claimed, SyncException e, CycleTally tally)
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
}
