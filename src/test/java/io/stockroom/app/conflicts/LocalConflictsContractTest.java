package io.stockroom.app.conflicts;

import io.stockroom.domain.ConflictService;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.SyncConflict;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real inbox, on H2. A conflict is made as a sync makes it: the item's create is accepted, the
 * laptop renames it, and the server answers the rename with a conflict on the name.
 */
class LocalConflictsContractTest extends ConflictServiceContract {

  @TempDir Path profile;
  private LocalStore store;
  private int made;

  @Override
  protected ConflictService open() {
    store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.seeded(5));
    return store.conflictInbox();
  }

  @Override
  protected void close() {
    store.close();
  }

  private static ServerRecord.Item serverItem(Item item, long version, String name) {
    return new ServerRecord.Item(
        item.id(), version, null, null, item.sku(), null, name, null, item.unit(), null, 0, null);
  }

  @Override
  protected UUID openItemConflict() {
    made++;
    Item item = store.catalog().create(ItemDraft.of("CF-" + made, "Widget"));
    QueuedMutation create = store.outbox().open().get(0);
    store.sync().markAccepted(create, item.id(), 4L, serverItem(item, 4, "Widget"));
    store
        .catalog()
        .update(item.id(), new ItemDraft("CF-" + made, null, "Widget B", null, "ea", null, 0));
    QueuedMutation rename = store.outbox().open().get(0);
    store
        .sync()
        .markConflict(
            rename,
            serverItem(item, 5, "Widget (A)"),
            "changed on both sides",
            List.of("name"),
            "FIELD_MERGE",
            true);
    List<SyncConflict> open = store.conflictInbox().list(false);
    return open.get(open.size() - 1).id();
  }
}
