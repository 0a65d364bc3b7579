package io.stockroom.server.push;

import static io.stockroom.server.store.jooq.Tables.ITEMS;
import static io.stockroom.server.store.jooq.Tables.ITEM_NOTES;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.TextField;
import io.stockroom.protocol.MutationResult;
import io.stockroom.server.store.jooq.tables.records.ItemNotesRecord;
import io.stockroom.server.wire.RowRecords;
import java.util.UUID;

/**
 * Notes are last-write-wins by HLC ({@code field_clock.body}, or the newest stamp sent). A write
 * older than the stored one is answered {@code accepted} with the winning record, unchanged.
 */
final class ItemNotePolicy implements EntityPolicy {

  @Override
  public MutationResult apply(MutationContext c) {
    ItemNotesRecord row = c.dsl().selectFrom(ITEM_NOTES).where(ITEM_NOTES.ID.eq(c.id())).fetchOne();
    if (c.action() == MutationAction.DELETE) {
      return delete(c, row);
    }
    if (row == null && c.action() == MutationAction.UPDATE) {
      throw new Rejection("unknown_note", "no note with id " + c.id());
    }
    if (row != null && row.getIsDeleted()) {
      throw new Rejection("deleted", "the note was deleted");
    }
    Data d = c.data();
    if (row != null && c.action() == MutationAction.CREATE) {
      // A create never overwrites a note the server has: same text, same note; else a conflict
      // (the laptop keeps its text in its conflicts inbox).
      String body = d.text(TextField.NOTE_BODY);
      if (body == null || body.equals(row.getBody())) {
        return MutationResult.accepted(
            c.key(), row.getId(), row.getVersion(), RowRecords.note(row));
      }
      return MutationResult.conflict(
          c.key(), RowRecords.note(row), "a note with this id already exists on the server", null);
    }
    Hlc stamp = c.stamp("body");
    if (row != null && !stamp.isAfter(Hlc.parse(row.getHlc()))) {
      return MutationResult.accepted(c.key(), row.getId(), row.getVersion(), RowRecords.note(row));
    }
    ItemNotesRecord r = row == null ? c.dsl().newRecord(ITEM_NOTES) : row;
    if (row == null) {
      UUID item = d.requiredUuid("item_id");
      if (!c.dsl().fetchExists(ITEMS, ITEMS.ID.eq(item).and(ITEMS.IS_DELETED.isFalse()))) {
        throw new Rejection("unknown_item", "no item with id " + item);
      }
      r.setId(c.id());
      r.setItemId(item);
      r.setCreatedAt(c.now());
      r.setIsDeleted(false);
    } else {
      UUID item = d.uuid("item_id");
      if (item != null && !item.equals(row.getItemId())) {
        throw Rejection.invalid("item_id cannot change: a note stays on its item");
      }
    }
    if (row == null || d.has("body")) {
      r.setBody(d.requiredText(TextField.NOTE_BODY));
    }
    if (row == null || d.has("author")) {
      r.setAuthor(d.text(TextField.NOTE_AUTHOR));
    }
    r.setHlc(stamp.toString());
    long version = c.tx().nextVersion();
    r.setVersion(version);
    r.setUpdatedAt(c.now());
    if (row == null) {
      r.insert();
    } else {
      r.update();
    }
    c.tx().changed(EntityType.ITEM_NOTES, null, version);
    return MutationResult.accepted(c.key(), r.getId(), version, RowRecords.note(r));
  }

  private MutationResult delete(MutationContext c, ItemNotesRecord row) {
    if (row == null) {
      throw new Rejection("unknown_note", "no note with id " + c.id());
    }
    if (!row.getIsDeleted()) {
      long version = c.tx().nextVersion();
      row.setIsDeleted(true);
      row.setHlc(Hlc.max(Hlc.parse(row.getHlc()), c.clock().now()).toString());
      row.setVersion(version);
      row.setUpdatedAt(c.now());
      row.update();
      c.tx().changed(EntityType.ITEM_NOTES, null, version);
    }
    return MutationResult.accepted(c.key(), row.getId(), row.getVersion(), RowRecords.note(row));
  }
}
