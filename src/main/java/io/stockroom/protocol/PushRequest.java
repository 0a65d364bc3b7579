package io.stockroom.protocol;

import java.util.List;

public record PushRequest(List<Mutation> mutations) {

  /** At most this many mutations per push. */
  public static final int MAX_MUTATIONS = 1000;

  /** At most this many bytes of (uncompressed) body per push. */
  public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
}
