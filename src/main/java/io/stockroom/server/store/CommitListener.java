package io.stockroom.server.store;

import java.util.List;

/**
 * Hears the changes of every committed write, in version order, on the writer's thread; it must not
 * block. On H2 a commit is visible to readers before it is forced to disk, and a client must never
 * be told of a version a crash could take back (decision record 0041): the listener may prepare
 * what it will say while the commit is being forced, and says it once {@link #onDisk} covers it
 * (decision record 0056).
 */
public interface CommitListener {

  /** Hears nothing. */
  CommitListener NONE =
      new CommitListener() {
        @Override
        public void committed(List<Change> changes, boolean onDisk) {}

        @Override
        public void onDisk(long upTo) {}
      };

  /**
   * A write committed these changes (never empty). {@code onDisk} says whether they are already
   * durable (PostgreSQL); if not, {@link #onDisk} follows once they are, or never if forcing them
   * failed (a later write's {@link #onDisk} then covers them).
   */
  void committed(List<Change> changes, boolean onDisk);

  /** Every version up to {@code upTo} is on disk. */
  void onDisk(long upTo);
}
