package io.stockroom.sync;

import io.stockroom.domain.QueuedMutation;
import io.stockroom.protocol.MutationResult;
import io.stockroom.protocol.PushResponse;
import io.stockroom.store.AcceptedMutation;
import io.stockroom.store.SyncStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies the server's answer to a pushed batch: accepted, conflict (decided by the entity's {@link
 * ConflictPolicy}) or rejected, per mutation.
 */
final class PushAnswers {

  private final SyncStore store;

  PushAnswers(SyncStore store) {
    this.store = store;
  }

  /** Applies the server's answer to a batch it accepted as a request. */
  void settle(List<QueuedMutation> claimed, PushResponse response, CycleTally tally) {
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
        tally.acceptedTypes.add(m.entityType());
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

  private void apply(QueuedMutation m, MutationResult r, CycleTally tally) {
    switch (r.status() == null ? "" : r.status()) {
      case MutationResult.ACCEPTED -> {
        store.markAccepted(m, r.serverId(), r.serverVersion(), r.record());
        tally.accepted++;
        tally.acceptedTypes.add(m.entityType());
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
            Long version = r.serverRecord() != null ? r.serverRecord().version() : null;
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
}
