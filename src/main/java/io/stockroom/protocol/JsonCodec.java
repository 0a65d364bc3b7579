package io.stockroom.protocol;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.ServerRecord;
import io.stockroom.json.JsonMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON codec of the protocol, on the one configured mapper ({@link JsonMapping}). A record
 * arrives typed ({@link ServerRecord}): a pull page and a push answer are decoded here, once, for
 * the entity they belong to, so nothing past this package reads a field by its name. Thread-safe;
 * share one instance.
 */
public final class JsonCodec {

  private final ObjectMapper mapper = JsonMapping.MAPPER;
  private final Map<EntityType, JavaType> pages = new HashMap<>();

  public JsonCodec() {
    for (EntityType e : EntityType.values()) {
      pages.put(
          e, mapper.getTypeFactory().constructParametricType(Page.class, ServerRecord.typeOf(e)));
    }
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public byte[] write(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String writeString(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a value; malformed JSON or a wrong type throws {@link IOException}. A type holding a
   * record ({@link PullResponse}, {@link PushResponse}, {@link MutationResult}) is read by the
   * methods below, which know its entity.
   */
  public <T> T read(byte[] json, Class<T> type) throws IOException {
    return mapper.readValue(json, type);
  }

  public <T> T read(String json, Class<T> type) throws IOException {
    return mapper.readValue(json, type);
  }

  /** Any JSON as a tree, for a caller that reads an answer it does not type. */
  public JsonNode tree(byte[] json) throws IOException {
    return mapper.readTree(json);
  }

  /** A pull page of {@code entity}, its records typed. */
  public PullResponse readPull(byte[] json, EntityType entity) throws IOException {
    Page<? extends ServerRecord> page = mapper.readValue(json, pages.get(entity));
    return new PullResponse(
        page.records() == null ? List.of() : List.copyOf(page.records()),
        page.deletions() == null ? List.of() : page.deletions(),
        page.cursor(),
        page.hasMore());
  }

  /**
   * A push answer to {@code sent}: each result's record is typed by the entity of the mutation
   * whose key it carries. A result for a key not sent keeps no record.
   */
  public PushResponse readPush(byte[] json, List<Mutation> sent) throws IOException {
    Map<UUID, EntityType> entities = new HashMap<>();
    for (Mutation m : sent) {
      EntityType.fromWireName(m.entity()).ifPresent(e -> entities.put(m.idempotencyKey(), e));
    }
    Answer answer = mapper.readValue(json, Answer.class);
    List<MutationResult> results = new ArrayList<>();
    if (answer.results() != null) {
      for (Result r : answer.results()) {
        // A null entry stays null: the caller releases that mutation to be sent again.
        results.add(
            r == null
                ? null
                : r.typed(Optional.ofNullable(entities.get(r.idempotencyKey())), mapper));
      }
    }
    return new PushResponse(results);
  }

  /**
   * A live message. Its records, when it carries any, are typed by its entity; a poke whose rows
   * cannot be read (an entity this release does not know, a wrong shape) is read as the plain hint,
   * which makes the laptop pull.
   */
  public LiveMessage readLive(String json) throws IOException {
    JsonNode m = mapper.readTree(json);
    String type = m.path("type").isTextual() ? m.get("type").asText() : null;
    String entity = m.path("entity").isTextual() ? m.get("entity").asText() : null;
    Long version = m.path("version").canConvertToLong() ? m.get("version").asLong() : null;
    LiveMessage hint = new LiveMessage(type, entity, version, null, null, null, null);
    Optional<EntityType> known = EntityType.fromWireName(entity);
    if (known.isEmpty()
        || !m.path("since").isTextual()
        || !m.path("cursor").isTextual()
        || !m.path("records").isArray()
        || !m.path("deletions").isArray()) {
      return hint;
    }
    try {
      List<ServerRecord> records = new ArrayList<>();
      for (JsonNode r : m.get("records")) {
        records.add(mapper.treeToValue(r, ServerRecord.typeOf(known.get())));
      }
      List<UUID> deletions = new ArrayList<>();
      for (JsonNode d : m.get("deletions")) {
        deletions.add(UUID.fromString(d.asText()));
      }
      return new LiveMessage(
          type,
          entity,
          version,
          m.get("since").asText(),
          m.get("cursor").asText(),
          List.copyOf(records),
          List.copyOf(deletions));
    } catch (IOException | RuntimeException e) {
      return hint;
    }
  }

  /** One stored result of a mutation on {@code entity}. */
  public MutationResult readResult(String json, EntityType entity) throws IOException {
    return mapper.readValue(json, Result.class).typed(Optional.of(entity), mapper);
  }

  /**
   * The error of an error answer, or empty when the body is not one (a proxy's page). Read
   * leniently: a code is kept even when the message is not text, so that what the code means still
   * happens.
   */
  public Optional<ErrorBody.Detail> readError(byte[] json) {
    try {
      JsonNode error = mapper.readTree(json).path("error");
      if (!error.path("code").isTextual()) {
        return Optional.empty();
      }
      JsonNode message = error.path("message");
      return Optional.of(
          new ErrorBody.Detail(
              error.get("code").asText(), message.isTextual() ? message.asText() : null));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public ObjectNode object() {
    return mapper.createObjectNode();
  }

  /** A pull page as it arrives, for one record type. */
  private record Page<R extends ServerRecord>(
      List<R> records, List<UUID> deletions, String cursor, boolean hasMore) {}

  private record Answer(List<Result> results) {}

  /** A result as it arrives: its records wait for their entity. */
  private record Result(
      UUID idempotencyKey,
      String status,
      UUID serverId,
      Long serverVersion,
      JsonNode record,
      JsonNode serverRecord,
      String reason,
      List<String> conflictFields,
      ErrorBody.Detail error) {

    MutationResult typed(Optional<EntityType> entity, ObjectMapper mapper) throws IOException {
      return new MutationResult(
          idempotencyKey,
          status,
          serverId,
          serverVersion,
          decode(record, entity, mapper),
          decode(serverRecord, entity, mapper),
          reason,
          conflictFields,
          error);
    }

    private static ServerRecord decode(
        JsonNode node, Optional<EntityType> entity, ObjectMapper mapper) throws IOException {
      if (node == null || node.isNull() || entity.isEmpty()) {
        return null;
      }
      return mapper.treeToValue(node, ServerRecord.typeOf(entity.get()));
    }
  }
}
