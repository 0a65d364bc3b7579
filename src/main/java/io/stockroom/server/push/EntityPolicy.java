package io.stockroom.server.push;

import io.stockroom.protocol.MutationResult;

/**
 * How one entity takes a pushed mutation (DESIGN.md section 4). Runs inside the mutation's
 * savepoint; a {@link Rejection} rolls the mutation back alone. A conflict result still commits
 * whatever the policy merged.
 */
public interface EntityPolicy {

  MutationResult apply(MutationContext c);
}
