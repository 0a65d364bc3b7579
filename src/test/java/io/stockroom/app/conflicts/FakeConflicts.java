package io.stockroom.app.conflicts;

import io.stockroom.domain.ConflictService;
import io.stockroom.domain.CountConflict;
import io.stockroom.domain.CountResolution;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.ItemConflict;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.SyncConflict;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An inbox in memory that records how each entry was settled. */
final class FakeConflicts implements ConflictService {

  final List<SyncConflict> entries = new ArrayList<>();
  Map<ItemField, String> itemValues;
  CountResolution countResolution;
  UUID dismissed;
  UUID undone;
  final java.util.Set<UUID> undoable = new java.util.HashSet<>();
  RuntimeException failure;
  List<CountConflict.Move> moves = List.of();

  SyncConflict add(EntityType type, String policy, boolean open, List<String> fields) {
    SyncConflict c =
        new SyncConflict(
            UUID.randomUUID(),
            UUID.randomUUID(),
            type,
            UUID.randomUUID(),
            MutationAction.UPDATE,
            policy,
            "changed on both sides",
            fields,
            "{\"data\":{\"name\":\"Widget B\",\"category\":\"Bins\"}}",
            "{}",
            open,
            open ? null : policy,
            Instant.parse("2026-11-24T10:00:00Z"),
            null,
            "CF-1 \u00b7 Widget");
    entries.add(c);
    return c;
  }

  @Override
  public List<SyncConflict> list(boolean settled) {
    return entries.stream().filter(c -> settled || c.open()).toList();
  }

  @Override
  public int openCount() {
    return list(false).size();
  }

  @Override
  public ItemConflict item(UUID conflictId) {
    return new ItemConflict(
        conflictId,
        UUID.randomUUID(),
        "CF-1 Widget (A)",
        List.of(
            new ItemConflict.Field(ItemField.NAME, "Widget B", "Widget (A)", null, true),
            new ItemConflict.Field(ItemField.CATEGORY, "Bins", "Bins", null, false)));
  }

  @Override
  public CountConflict count(UUID conflictId) {
    return new CountConflict(
        conflictId,
        UUID.randomUUID(),
        "BOLT-M8 Hex bolt M8",
        "A-01-03",
        new BigDecimal("37"),
        new BigDecimal("42"),
        new BigDecimal("40"),
        moves);
  }

  @Override
  public void resolveItem(UUID conflictId, Map<ItemField, String> values) {
    if (failure != null) {
      throw failure;
    }
    itemValues = values;
    settle(conflictId);
  }

  @Override
  public void resolveCount(UUID conflictId, CountResolution resolution) {
    countResolution = resolution;
    settle(conflictId);
  }

  @Override
  public void dismiss(UUID conflictId) {
    dismissed = conflictId;
    settle(conflictId);
  }

  @Override
  public boolean canUndo(UUID conflictId) {
    return undoable.contains(conflictId);
  }

  @Override
  public void undo(UUID conflictId) {
    if (!undoable.remove(conflictId)) {
      throw new io.stockroom.domain.ValidationException("conflict", "already sent");
    }
    undone = conflictId;
  }

  private void settle(UUID id) {
    entries.removeIf(c -> c.id().equals(id));
  }
}
