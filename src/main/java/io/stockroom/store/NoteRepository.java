package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEM_NOTES;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemNote;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.TextField;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.ItemNotesRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Notes on items. Notes are last-write-wins: each write stamps the note with a new HLC ({@code
 * item_notes.hlc}), which the server compares.
 */
final class NoteRepository {

  private final Tx tx;
  private final IdGenerator ids;
  private final Stamps stamps;
  private final MutationQueue queue;
  private final ItemRepository items;

  NoteRepository(Tx tx, IdGenerator ids, Stamps stamps, MutationQueue queue, ItemRepository items) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
    this.queue = queue;
    this.items = items;
  }

  List<ItemNote> list(UUID itemId) {
    return tx.read()
        .selectFrom(ITEM_NOTES)
        .where(ITEM_NOTES.ITEM_ID.eq(itemId))
        .and(ITEM_NOTES.IS_DELETED.isFalse())
        .orderBy(ITEM_NOTES.CREATED_AT.desc(), ITEM_NOTES.ID.desc()) // newest first, as shown
        .fetch(NoteRepository::toDomain);
  }

  ItemNote add(UUID itemId, String body, String author) {
    String b = body(body);
    String a = TextField.NOTE_AUTHOR.check(author);
    return tx.write(
        t -> {
          items.fetchLive(t, itemId);
          Instant now = stamps.now();
          Hlc stamp = stamps.stamp(t);
          ItemNotesRecord r = t.newRecord(ITEM_NOTES);
          r.setId(ids.next());
          r.setCreatedAt(now);
          r.setUpdatedAt(now);
          r.setIsDeleted(false);
          r.setVersion(1L);
          r.setSyncStatus(SyncStatus.PENDING.dbValue());
          r.setHlc(stamp.toString());
          r.setItemId(itemId);
          r.setBody(b);
          r.setAuthor(a);
          r.insert();
          Payloads.Data data =
              new Payloads.Data().put("item_id", itemId).put("body", b).put("author", a);
          queue.enqueue(
              t,
              EntityType.ITEM_NOTES,
              MutationAction.CREATE,
              r.getId(),
              Payloads.payload(data, Map.of("body", stamp), 1, now),
              null);
          return toDomain(r);
        });
  }

  ItemNote update(UUID noteId, String body) {
    String b = body(body);
    return tx.write(
        t -> {
          ItemNotesRecord r = fetchLive(t, noteId);
          if (r.getBody().equals(b)) {
            return toDomain(r);
          }
          Instant now = stamps.now();
          Hlc stamp = stamps.stamp(t);
          r.setHlc(stamp.toString());
          r.setBody(b);
          r.setUpdatedAt(now);
          r.setVersion(r.getVersion() + 1);
          r.setSyncStatus(SyncStatus.PENDING.dbValue());
          r.update();
          queue.enqueue(
              t,
              EntityType.ITEM_NOTES,
              MutationAction.UPDATE,
              noteId,
              Payloads.payload(
                  new Payloads.Data().put("body", b), Map.of("body", stamp), r.getVersion(), now),
              r.getServerVersion());
          return toDomain(r);
        });
  }

  void delete(UUID noteId) {
    tx.run(
        t -> {
          ItemNotesRecord r = fetchLive(t, noteId);
          Instant now = stamps.now();
          Hlc stamp = stamps.stamp(t);
          r.setHlc(stamp.toString());
          r.setIsDeleted(true);
          r.setUpdatedAt(now);
          r.setVersion(r.getVersion() + 1);
          r.setSyncStatus(SyncStatus.PENDING.dbValue());
          r.update();
          queue.enqueue(
              t,
              EntityType.ITEM_NOTES,
              MutationAction.DELETE,
              noteId,
              Payloads.payload(new Payloads.Data(), Map.of("body", stamp), r.getVersion(), now),
              r.getServerVersion());
        });
  }

  /** The note's current HLC stamp (its last-write-wins order). */
  Hlc stamp(UUID noteId) {
    return Hlc.parse(fetchLive(tx.read(), noteId).getHlc());
  }

  private static ItemNotesRecord fetchLive(DSLContext ctx, UUID noteId) {
    ItemNotesRecord r =
        ctx.selectFrom(ITEM_NOTES)
            .where(ITEM_NOTES.ID.eq(noteId))
            .and(ITEM_NOTES.IS_DELETED.isFalse())
            .fetchOne();
    if (r == null) {
      throw new ValidationException("note", "Unknown note " + noteId + ".");
    }
    return r;
  }

  private static String body(String body) {
    return TextField.NOTE_BODY.required(body, "A note needs some text.");
  }

  private static ItemNote toDomain(ItemNotesRecord r) {
    return new ItemNote(
        r.getId(),
        r.getItemId(),
        r.getBody(),
        r.getAuthor(),
        r.getUpdatedAt(),
        SyncStatus.fromDb(r.getSyncStatus()));
  }
}
