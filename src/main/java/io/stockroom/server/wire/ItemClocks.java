package io.stockroom.server.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.ItemField;
import io.stockroom.json.JsonMapping;
import io.stockroom.server.store.jooq.tables.records.ItemsRecord;
import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-field state of a server item: the HLC stamp of each field's winning write, and the
 * version at which each field last changed. A field absent from the stored maps still has the row's
 * creation stamp and "changed at creation" (version 0: before any base a client can hold).
 */
public final class ItemClocks {

  private static final ObjectMapper JSON = JsonMapping.MAPPER;
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final Hlc created;
  private final Map<ItemField, Hlc> clocks = new EnumMap<>(ItemField.class);
  private final Map<ItemField, Long> versions = new EnumMap<>(ItemField.class);

  private ItemClocks(Hlc created) {
    this.created = created;
  }

  public static ItemClocks created(Hlc stamp) {
    return new ItemClocks(stamp);
  }

  public static ItemClocks of(ItemsRecord r) {
    ItemClocks c = new ItemClocks(Hlc.parse(r.getHlc()));
    for (Map.Entry<String, Object> e : parse(r.getFieldClock()).entrySet()) {
      ItemField.fromWireName(e.getKey())
          .ifPresent(f -> c.clocks.put(f, Hlc.parse(String.valueOf(e.getValue()))));
    }
    for (Map.Entry<String, Object> e : parse(r.getFieldVersions()).entrySet()) {
      ItemField.fromWireName(e.getKey())
          .ifPresent(f -> c.versions.put(f, ((Number) e.getValue()).longValue()));
    }
    return c;
  }

  /**
   * The stamps stored for fields written since the create, as text by wire name (fields not in the
   * map carry the row's creation stamp). Cheap: no stamp is parsed or formatted.
   */
  public static Map<String, String> writtenStamps(ItemsRecord r) {
    Map<String, String> m = new LinkedHashMap<>();
    parse(r.getFieldClock()).forEach((k, v) -> m.put(k, String.valueOf(v)));
    return m;
  }

  public Hlc clock(ItemField f) {
    return clocks.getOrDefault(f, created);
  }

  public long version(ItemField f) {
    return versions.getOrDefault(f, 0L);
  }

  /** A write that won: the field's stamp and the version it changed at. */
  public void won(ItemField f, Hlc stamp, long version) {
    clocks.put(f, stamp);
    versions.put(f, version);
  }

  /** A write of the value the field already has: only the newer stamp is kept. */
  public void seen(ItemField f, Hlc stamp) {
    if (stamp.isAfter(clock(f))) {
      clocks.put(f, stamp);
    }
  }

  public String clocksJson() {
    Map<String, String> m = new LinkedHashMap<>();
    clocks.forEach(
        (f, h) -> {
          if (!h.equals(created)) {
            m.put(f.wireName(), h.toString());
          }
        });
    return write(m);
  }

  public String versionsJson() {
    Map<String, Long> m = new LinkedHashMap<>();
    versions.forEach((f, v) -> m.put(f.wireName(), v));
    return write(m);
  }

  private static String write(Map<String, ?> m) {
    if (m.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> parse(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (IOException e) {
      throw new IllegalStateException("corrupt item field state: " + json, e);
    }
  }
}
