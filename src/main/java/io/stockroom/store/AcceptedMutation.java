package io.stockroom.store;

import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.ServerRecord;
import java.util.UUID;

/** One mutation the server accepted (or replayed) and what it answered for it. */
public record AcceptedMutation(
    QueuedMutation mutation, UUID serverId, Long serverVersion, ServerRecord record) {}
