package io.stockroom.domain;

import java.util.List;

/** Read access to the local mutation queue (the outbox), for the queue view and the CLI. */
public interface OutboxService {

  /** Mutations not yet completed (pending, in flight, failed), oldest first. */
  List<QueuedMutation> open();

  int pendingCount();
}
