package io.stockroom.app.conflicts;

import io.stockroom.domain.ConflictService;
import io.stockroom.domain.EntityType;
import java.util.List;
import java.util.UUID;

/** The in-memory inbox passes the real inbox's contract. */
class FakeConflictsContractTest extends ConflictServiceContract {

  private FakeConflicts fake;

  @Override
  protected ConflictService open() {
    fake = new FakeConflicts();
    return fake;
  }

  @Override
  protected UUID openItemConflict() {
    return fake.add(EntityType.ITEMS, "FIELD_MERGE", true, List.of("name")).id();
  }
}
