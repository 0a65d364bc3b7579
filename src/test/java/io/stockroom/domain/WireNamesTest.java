package io.stockroom.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every name the wire and the database use reads back as the value it came from. */
class WireNamesTest {

  @Test
  void everyNameRoundTrips() {
    for (EntityType t : EntityType.values()) {
      assertThat(EntityType.fromWireName(t.wireName())).contains(t);
    }
    for (MutationAction a : MutationAction.values()) {
      assertThat(MutationAction.fromWireName(a.wireName())).isEqualTo(a);
    }
    for (MovementReason r : MovementReason.values()) {
      assertThat(MovementReason.fromWireName(r.wireName())).contains(r);
    }
    for (MutationStatus s : MutationStatus.values()) {
      assertThat(MutationStatus.fromDb(s.dbValue())).isEqualTo(s);
    }
    for (SyncStatus s : SyncStatus.values()) {
      assertThat(SyncStatus.fromDb(s.dbValue())).isEqualTo(s);
    }
  }

  @Test
  void anUnknownNameIsNoValue() {
    assertThat(EntityType.fromWireName("widgets")).isEmpty();
    assertThat(EntityType.fromWireName(null)).isEmpty();
    assertThat(MovementReason.fromWireName("steal")).isEmpty();
    assertThatThrownBy(() -> MutationAction.fromWireName("upsert"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void entitiesAreInPullOrderParentsFirst() {
    assertThat(EntityType.values())
        .startsWith(EntityType.SITES, EntityType.LOCATIONS, EntityType.ITEMS);
  }
}
