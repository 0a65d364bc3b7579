package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.EntityType;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** After a push, a cycle pulls what the accepted mutations changed on the server (record 0050). */
class ChangedByPushTest {

  @Test
  void eachEntityItselfAndTheLedgersDerivedRows() {
    assertThat(EntityPull.changedByPushOf(EnumSet.of(EntityType.ITEMS)))
        .containsExactly(EntityType.ITEMS);
    assertThat(EntityPull.changedByPushOf(EnumSet.of(EntityType.ITEM_NOTES, EntityType.LOCATIONS)))
        .containsExactly(EntityType.LOCATIONS, EntityType.ITEM_NOTES);
    assertThat(EntityPull.changedByPushOf(EnumSet.of(EntityType.STOCK_MOVEMENTS)))
        .containsExactly(EntityType.STOCK_MOVEMENTS, EntityType.STOCK_LEVELS);
    assertThat(EntityPull.changedByPushOf(EnumSet.of(EntityType.STOCK_COUNTS)))
        .containsExactly(
            EntityType.STOCK_MOVEMENTS, EntityType.STOCK_LEVELS, EntityType.STOCK_COUNTS);
  }

  @Test
  void aSiteChangesWhatEverythingShows() {
    assertThat(EntityPull.changedByPushOf(EnumSet.of(EntityType.SITES)))
        .containsExactlyElementsOf(EntityPull.ORDER);
  }
}
