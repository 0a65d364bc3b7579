package io.stockroom.server.push;

import static io.stockroom.server.store.jooq.Tables.ITEMS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.TextField;
import io.stockroom.domain.ValidationException;
import io.stockroom.protocol.MutationResult;
import io.stockroom.server.store.jooq.tables.records.ItemsRecord;
import io.stockroom.server.wire.ItemClocks;
import io.stockroom.server.wire.RowRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Items merge field by field. A field the server has not changed since the client's {@code
 * base_version} takes the client's value; a field changed on both sides since then (to different
 * values) is a conflict: the server keeps its value, the other fields still merge, and the result
 * names the conflicting fields for the user to settle. Without a base version the newer HLC stamp
 * wins each field.
 */
final class ItemPolicy implements EntityPolicy {

  // The statements every create runs, as plain SQL kept prepared for the push's transaction
  // (WriteTx#exists): rendering them with jOOQ for each mutation cost about a third of the
  // writer's time in a push of new items.
  private static final String EXISTS = "select 1 from items where id = ?";
  private static final String SKU_TAKEN = "select 1 from items where sku_key = ? and id <> ?";
  private static final String BARCODE_TAKEN =
      "select 1 from items where barcode_key = ? and id <> ?";
  private static final String INSERT =
      "insert into items ("
          + Arrays.stream(ITEMS.fields())
              .map(f -> f.getName().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "))
          + ") values ("
          + String.join(", ", Collections.nCopies(ITEMS.fields().length, "?"))
          + ")";

  @Override
  public MutationResult apply(MutationContext c) {
    if (c.action() == MutationAction.CREATE && !c.tx().exists(EXISTS, c.id())) {
      return create(c);
    }
    ItemsRecord row = c.dsl().selectFrom(ITEMS).where(ITEMS.ID.eq(c.id())).fetchOne();
    return switch (c.action()) {
      case CREATE -> row == null ? create(c) : createOverExisting(c, row);
      case UPDATE -> {
        if (row == null) {
          throw new Rejection("unknown_item", "no item with id " + c.id());
        }
        yield update(c, row);
      }
      case DELETE -> delete(c, row);
    };
  }

  private MutationResult create(MutationContext c) {
    Data d = c.data();
    ItemDraft draft =
        validate(
            new ItemDraft(
                d.text(TextField.SKU),
                d.text(TextField.BARCODE),
                d.text(TextField.ITEM_NAME),
                d.text(TextField.ITEM_DESCRIPTION),
                d.text(TextField.UNIT),
                d.text(TextField.CATEGORY),
                orZero(d.nonNegativeInt("reorder_point"))));
    checkUnique(c, draft);
    Hlc created = c.clock().now();
    ItemClocks clocks = ItemClocks.created(created);
    for (ItemField f : ItemField.values()) {
      if (d.has(f.wireName())) {
        clocks.seen(f, c.stamp(f.wireName()));
      }
    }
    long version = c.tx().nextVersion();
    ItemsRecord r = c.dsl().newRecord(ITEMS);
    r.setId(c.id());
    r.setCreatedAt(c.now());
    r.setHlc(created.toString());
    write(r, draft, clocks, version, c);
    c.tx().execute(INSERT, values(r));
    c.tx().changed(EntityType.ITEMS, null, version);
    return MutationResult.accepted(c.key(), r.getId(), version, RowRecords.item(r));
  }

  /**
   * A create that names an id the server already has never overwrites it: with the same values it
   * is the same item (accepted as it stands); otherwise it is a conflict on the fields that differ,
   * settled by the user like any other item conflict.
   */
  private MutationResult createOverExisting(MutationContext c, ItemsRecord row) {
    if (row.getIsDeleted()) {
      throw new Rejection("deleted", "an item with id " + c.id() + " existed and was deleted");
    }
    Data d = c.data();
    Map<ItemField, Object> current = currentDraft(row).fields();
    List<String> differing = new ArrayList<>();
    for (ItemField f : ItemField.values()) {
      if (d.has(f.wireName()) && !Objects.equals(normalized(f, read(d, f)), current.get(f))) {
        differing.add(f.wireName());
      }
    }
    if (differing.isEmpty()) {
      return MutationResult.accepted(c.key(), row.getId(), row.getVersion(), RowRecords.item(row));
    }
    return MutationResult.conflict(
        c.key(),
        RowRecords.item(row),
        "an item with this id already exists on the server; fields that differ: "
            + String.join(", ", differing),
        differing);
  }

  private MutationResult update(MutationContext c, ItemsRecord row) {
    if (row.getIsDeleted()) {
      throw new Rejection("deleted", "item " + row.getSku() + " was deleted");
    }
    Data d = c.data();
    Long base = c.baseVersion();
    ItemClocks clocks = ItemClocks.of(row);
    Map<ItemField, Object> values = new EnumMap<>(currentDraft(row).fields());
    List<ItemField> won = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (ItemField f : ItemField.values()) {
      if (!d.has(f.wireName())) {
        continue;
      }
      Object incoming = read(d, f);
      Hlc stamp = c.stamp(f.wireName());
      if (Objects.equals(normalized(f, incoming), values.get(f))) {
        clocks.seen(f, stamp);
      } else if (base != null && clocks.version(f) > base) {
        conflicts.add(f.wireName());
      } else if (base != null || stamp.isAfter(clocks.clock(f))) {
        values.put(f, incoming);
        won.add(f);
        clocks.seen(f, stamp);
      }
    }
    ItemDraft draft = validate(draftOf(values));
    long version = row.getVersion();
    if (!won.isEmpty()) {
      checkUnique(c, draft);
      version = c.tx().nextVersion();
      for (ItemField f : won) {
        clocks.won(f, clocks.clock(f), version);
      }
      write(row, draft, clocks, version, c);
      row.update();
      c.tx().changed(EntityType.ITEMS, null, version);
    } else {
      row.setFieldClock(clocks.clocksJson());
      if (row.changed()) {
        row.update();
      }
    }
    if (!conflicts.isEmpty()) {
      return MutationResult.conflict(
          c.key(),
          RowRecords.item(row),
          "changed on both sides since version " + base + ": " + String.join(", ", conflicts),
          conflicts);
    }
    return MutationResult.accepted(c.key(), row.getId(), version, RowRecords.item(row));
  }

  private MutationResult delete(MutationContext c, ItemsRecord row) {
    if (row == null) {
      throw new Rejection("unknown_item", "no item with id " + c.id());
    }
    if (!row.getIsDeleted()) {
      long version = c.tx().nextVersion();
      row.setIsDeleted(true);
      // The SKU and barcode are free again for a new item.
      row.setSkuKey("#" + row.getId());
      row.setBarcodeKey(null);
      row.setVersion(version);
      row.setUpdatedAt(c.now());
      row.update();
      c.tx().changed(EntityType.ITEMS, null, version);
    }
    return MutationResult.accepted(c.key(), row.getId(), row.getVersion(), RowRecords.item(row));
  }

  private static void write(
      ItemsRecord r, ItemDraft d, ItemClocks clocks, long version, MutationContext c) {
    r.setSku(d.sku());
    r.setSkuKey(key(d.sku()));
    r.setBarcode(d.barcode());
    r.setBarcodeKey(d.barcode() == null ? null : key(d.barcode()));
    r.setName(d.name());
    r.setDescription(d.description());
    r.setUnit(d.unit());
    r.setCategory(d.category());
    r.setReorderPoint(d.reorderPoint());
    r.setFieldClock(clocks.clocksJson());
    r.setFieldVersions(clocks.versionsJson());
    r.setVersion(version);
    r.setUpdatedAt(c.now());
    r.setIsDeleted(false);
  }

  private static void checkUnique(MutationContext c, ItemDraft d) {
    if (c.tx().exists(SKU_TAKEN, key(d.sku()), c.id())) {
      throw new Rejection("duplicate_sku", "another item has SKU " + d.sku());
    }
    if (d.barcode() != null && c.tx().exists(BARCODE_TAKEN, key(d.barcode()), c.id())) {
      throw new Rejection("duplicate_barcode", "another item has barcode " + d.barcode());
    }
  }

  private static Object read(Data d, ItemField f) {
    return switch (f) {
      case REORDER_POINT -> d.nonNegativeInt(f.wireName());
      case SKU -> d.text(TextField.SKU);
      case BARCODE -> d.text(TextField.BARCODE);
      case NAME -> d.text(TextField.ITEM_NAME);
      case DESCRIPTION -> d.text(TextField.ITEM_DESCRIPTION);
      case UNIT -> d.text(TextField.UNIT);
      case CATEGORY -> d.text(TextField.CATEGORY);
    };
  }

  private static Object normalized(ItemField f, Object value) {
    if (value == null) {
      return switch (f) {
        case UNIT -> ItemDraft.DEFAULT_UNIT;
        case REORDER_POINT -> 0;
        default -> null;
      };
    }
    return value;
  }

  private static ItemDraft currentDraft(ItemsRecord r) {
    return new ItemDraft(
        r.getSku(),
        r.getBarcode(),
        r.getName(),
        r.getDescription(),
        r.getUnit(),
        r.getCategory(),
        r.getReorderPoint());
  }

  private static ItemDraft draftOf(Map<ItemField, Object> v) {
    return new ItemDraft(
        (String) v.get(ItemField.SKU),
        (String) v.get(ItemField.BARCODE),
        (String) v.get(ItemField.NAME),
        (String) v.get(ItemField.DESCRIPTION),
        (String) v.get(ItemField.UNIT),
        (String) v.get(ItemField.CATEGORY),
        orZero((Integer) v.get(ItemField.REORDER_POINT)));
  }

  /**
   * The record's values in field order. Not {@code Record.intoArray()}: that goes through jOOQ's
   * record mapper cache, which took a quarter of the writer's time in a push of new items.
   */
  private static Object[] values(ItemsRecord r) {
    Object[] values = new Object[r.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.get(i);
    }
    return values;
  }

  private static ItemDraft validate(ItemDraft draft) {
    try {
      return draft.normalized().validate();
    } catch (ValidationException e) {
      throw Rejection.invalid(e.field() + ": " + e.getMessage());
    }
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  private static String key(String code) {
    return code.toLowerCase(Locale.ROOT);
  }
}
