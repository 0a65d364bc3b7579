package io.stockroom.server.store;

import io.stockroom.domain.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * An open writing transaction that holds the version counter. Every row it writes takes its own
 * {@link #nextVersion()}, so no two rows of one entity share a version and paging by version never
 * splits a tie.
 */
public final class WriteTx {

  private final DSLContext dsl;
  private long lastVersion;
  private final List<Change> changes = new ArrayList<>();

  WriteTx(DSLContext dsl, long lastVersion) {
    this.dsl = dsl;
    this.lastVersion = lastVersion;
  }

  public DSLContext dsl() {
    return dsl;
  }

  /** The next version; the caller writes it on exactly one row. */
  public long nextVersion() {
    return ++lastVersion;
  }

  /** Records a row change for the live channel, once the transaction commits. */
  public void changed(EntityType entity, UUID siteId, long version) {
    changes.add(new Change(entity, siteId, version));
  }

  /**
   * Runs {@code work} under a savepoint: if it throws, its writes (and the changes it recorded) are
   * rolled back alone and the exception propagates; the transaction stays usable.
   */
  public <T> T savepoint(Function<WriteTx, T> work) {
    int mark = changes.size();
    try {
      return dsl.transactionResult(
          nested -> {
            WriteTx inner = new WriteTx(DSL.using(nested), lastVersion);
            T result = work.apply(inner);
            lastVersion = inner.lastVersion;
            changes.addAll(inner.changes);
            return result;
          });
    } catch (RuntimeException e) {
      // The versions handed out inside were never written: the next mutation reuses them.
      while (changes.size() > mark) {
        changes.remove(changes.size() - 1);
      }
      throw e;
    }
  }

  long lastVersion() {
    return lastVersion;
  }

  List<Change> changes() {
    return changes;
  }
}
