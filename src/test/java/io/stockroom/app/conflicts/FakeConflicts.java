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
    requireOpen(conflictId);
    itemValues = values;
    settle(conflictId, "merged");
  }

  @Override
  public void resolveCount(UUID conflictId, CountResolution resolution) {
    requireOpen(conflictId);
    countResolution = resolution;
    settle(conflictId, resolution.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public void dismiss(UUID conflictId) {
    if (find(conflictId).open()) {
      dismissed = conflictId;
      settle(conflictId, "kept_server");
    }
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
    replace(find(conflictId), true, null);
  }

  private SyncConflict find(UUID id) {
    return entries.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  private void requireOpen(UUID id) {
    if (!find(id).open()) {
      throw new io.stockroom.domain.ValidationException(
          "conflict", "This conflict was already settled.");
    }
  }

  /**
   * As the real inbox: a settled entry stays among the settled ones, and the user's choice can be
   * taken back until it is sent (here: until {@link #undo}).
   */
  private void settle(UUID id, String resolution) {
    replace(find(id), false, resolution);
    undoable.add(id);
  }

  private void replace(SyncConflict c, boolean open, String resolution) {
    entries.set(
        entries.indexOf(c),
        new SyncConflict(
            c.id(),
            c.mutationId(),
            c.entityType(),
            c.entityId(),
            c.action(),
            c.policy(),
            c.reason(),
            c.fields(),
            c.localPayload(),
            c.serverRecord(),
            open,
            resolution,
            c.createdAt(),
            open ? null : Instant.parse("2026-11-24T10:05:00Z"),
            c.label()));
  }
}
