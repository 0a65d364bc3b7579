package io.stockroom.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read access to the local mutation queue (the outbox), for the queue view and the CLI. */
public interface OutboxService {

  /** Mutations not yet completed (pending, in flight, failed), oldest first. */
  List<QueuedMutation> open();

  int pendingCount();

  /**
   * What each of {@code mutations} is about, in a worker's words (an item's SKU and name, a
   * movement's item and bins), by mutation id; never an id. A record no longer here is "(removed)".
   */
  Map<UUID, String> labels(List<QueuedMutation> mutations);
}
