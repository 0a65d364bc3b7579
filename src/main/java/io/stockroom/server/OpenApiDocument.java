package io.stockroom.server;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.ServerRecord;
import io.stockroom.json.JsonMapping;
import io.stockroom.protocol.ErrorBody;
import io.stockroom.protocol.HealthResponse;
import io.stockroom.protocol.LoginRequest;
import io.stockroom.protocol.LoginResponse;
import io.stockroom.protocol.PullResponse;
import io.stockroom.protocol.PushRequest;
import io.stockroom.protocol.PushResponse;
import io.stockroom.protocol.SyncHeaders;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.Map;

/**
 * The wire contract (PROTOCOL.md) as an OpenAPI 3 document, served at {@code /api/openapi.json} so
 * that another team can generate a client. Made with swagger-core at the first request for it: the
 * routes are listed here, and every body's schema is generated from the protocol type the server
 * itself reads and writes, through the server's own JSON mapper (so the names are the wire's
 * snake_case). {@code OpenApiTest} holds it to PROTOCOL.md and to the routes the server answers.
 */
final class OpenApiDocument {

  private final Components components = new Components();
  private final ModelConverters converters = new ModelConverters();

  private OpenApiDocument() {
    converters.addConverter(new ModelResolver(JsonMapping.MAPPER));
  }

  /** The document, as JSON text. */
  static String json() {
    return Json.pretty(new OpenApiDocument().build());
  }

  private OpenAPI build() {
    components.addSecuritySchemes(
        "bearer",
        new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .description("The token of POST /api/auth/login."));
    Paths paths = new Paths();
    paths.addPathItem(
        "/api/auth/login",
        new PathItem()
            .post(
                open("Signs in a device; answers its bearer token, the user and their sites.")
                    .requestBody(body(LoginRequest.class))
                    .responses(
                        answers(
                            "200", json("Signed in.", LoginResponse.class),
                            "401", error("invalid_credentials"),
                            "429", error("too_many_attempts, with Retry-After"),
                            "503", error("too many sign-ins at once")))));
    paths.addPathItem(
        "/api/auth/logout",
        new PathItem()
            .post(
                secured("Revokes the token in the header and closes its live sockets.")
                    .responses(answers("200", text("{\"status\": \"ok\"}"), "401", error("")))));
    paths.addPathItem(
        "/api/health",
        new PathItem()
            .get(
                open("Whether this process can serve.")
                    .responses(
                        answers(
                            "200", json("Serving.", HealthResponse.class),
                            "503", json("A part it needs has stopped.", HealthResponse.class)))));
    paths.addPathItem(
        "/api/ready",
        new PathItem()
            .get(
                open("Whether this process can take traffic: what a load balancer checks.")
                    .responses(
                        answers(
                            "200", text("{\"status\": \"ready\"}"),
                            "503", text("{\"status\": \"not_ready\"}")))));
    paths.addPathItem(
        "/api/openapi.json",
        new PathItem().get(open("This document.").responses(answers("200", text("OpenAPI 3")))));
    paths.addPathItem(
        "/metrics",
        new PathItem()
            .get(
                open("Prometheus metrics of this process.")
                    .responses(
                        answers(
                            "200",
                            new ApiResponse()
                                .description("Prometheus text format.")
                                .content(
                                    new Content().addMediaType("text/plain", new MediaType()))))));
    paths.addPathItem(
        "/api/sync/pull",
        new PathItem()
            .get(
                secured(
                        "A page of one entity's changes since a cursor. Pull until has_more is"
                            + " false; store the cursor, never parse it.")
                    .addParametersItem(
                        new QueryParameter()
                            .name("entity")
                            .required(true)
                            .schema(
                                new StringSchema()
                                    ._enum(
                                        Arrays.stream(EntityType.values())
                                            .map(EntityType::wireName)
                                            .toList())))
                    .addParametersItem(
                        new QueryParameter()
                            .name("since")
                            .description("The cursor of the previous page; absent at first.")
                            .schema(new StringSchema()))
                    .addParametersItem(
                        new QueryParameter()
                            .name("limit")
                            .description("Records per page, 1 to 1000.")
                            .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)))
                    .responses(
                        answers(
                            "200", pullPage(),
                            "400", error("bad_request, unknown_entity"),
                            "401", error("unauthorized, token_expired, token_revoked"),
                            "410", error("cursor_expired: drop the cursor and pull again")))));
    paths.addPathItem(
        "/api/sync/push",
        new PathItem()
            .post(
                secured(
                        "Applies queued mutations, each once per idempotency key; a rejected one"
                            + " does not hold up the others.")
                    .requestBody(body(PushRequest.class))
                    .responses(
                        answers(
                            "200", json("One result per mutation.", PushResponse.class),
                            "400", error("bad_request"),
                            "401", error("unauthorized, token_expired, token_revoked"),
                            "413", error("payload_too_large")))));
    paths.addPathItem(
        "/api/sync/live",
        new PathItem()
            .get(
                secured(
                        "The live channel: a WebSocket upgrade (the token in Authorization or in"
                            + " ?token=). The server sends {\"type\": \"changed\", \"entity\":"
                            + " ..., \"version\": ...} when an entity the device may see changed.")
                    .responses(
                        answers(
                            "101",
                            new ApiResponse().description("Switching to WebSocket."),
                            "401",
                            error("")))));
    paths.addPathItem(
        "/api/admin/revoke-tokens",
        new PathItem()
            .post(
                secured("Admins: revokes every token of a user. An extension to PROTOCOL.md.")
                    .requestBody(
                        new RequestBody()
                            .content(
                                jsonContent(
                                    new ObjectSchema()
                                        .addProperty("username", new StringSchema()))))
                    .responses(
                        answers(
                            "200",
                            text("{\"status\": \"ok\", \"revoked\": N}"),
                            "403",
                            error("forbidden")))));
    paths.addPathItem(
        "/api/admin/set-sites",
        new PathItem()
            .post(
                secured("Admins: gives a user exactly these sites. An extension to PROTOCOL.md.")
                    .requestBody(
                        new RequestBody()
                            .content(
                                jsonContent(
                                    new ObjectSchema()
                                        .addProperty("username", new StringSchema())
                                        .addProperty(
                                            "sites", new ArraySchema().items(new StringSchema())))))
                    .responses(
                        answers(
                            "200",
                            text("{\"status\": \"ok\", \"sites\": [...]}"),
                            "403",
                            error("forbidden")))));
    return new OpenAPI()
        .info(
            new Info()
                .title("Stockroom sync protocol")
                .version(Integer.toString(SyncHeaders.SYNC_VERSION))
                .description(
                    "JSON, UTF-8, snake_case, ISO-8601 UTC timestamps with milliseconds, lowercase"
                        + " UUIDs. Send Sync-Version: 1. Every error has the body"
                        + " {\"error\": {\"code\": ..., \"message\": ...}}."))
        .components(components)
        .paths(paths);
  }

  private static Operation open(String summary) {
    return new Operation().summary(summary).addParametersItem(syncVersion());
  }

  private static Operation secured(String summary) {
    return open(summary).addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  private static Parameter syncVersion() {
    return new HeaderParameter()
        .name(SyncHeaders.VERSION)
        .description("The protocol version; absent is 1, anything else 426.")
        .schema(new StringSchema()._default("1"));
  }

  /** Responses from pairs of status and response. */
  private static ApiResponses answers(Object... pairs) {
    ApiResponses r = new ApiResponses();
    for (int i = 0; i < pairs.length; i += 2) {
      r.addApiResponse((String) pairs[i], (ApiResponse) pairs[i + 1]);
    }
    return r;
  }

  private RequestBody body(Class<?> type) {
    return new RequestBody().required(true).content(jsonContent(schema(type)));
  }

  private ApiResponse json(String description, Class<?> type) {
    return new ApiResponse().description(description).content(jsonContent(schema(type)));
  }

  private ApiResponse error(String codes) {
    return new ApiResponse()
        .description(codes.isEmpty() ? "An error." : "An error: " + codes + ".")
        .content(jsonContent(schema(ErrorBody.class)));
  }

  private static ApiResponse text(String example) {
    return new ApiResponse().description(example).content(jsonContent(new ObjectSchema()));
  }

  private static Content jsonContent(Schema<?> schema) {
    return new Content().addMediaType("application/json", new MediaType().schema(schema));
  }

  /** A pull page whose records are those of the entities, each generated from its type. */
  private ApiResponse pullPage() {
    Schema<?> page = schema(PullResponse.class);
    ComposedSchema anyRecord = new ComposedSchema();
    for (EntityType e : EntityType.values()) {
      anyRecord.addOneOfItem(schema(ServerRecord.typeOf(e)));
    }
    Schema<?> resolved = components.getSchemas().get(PullResponse.class.getSimpleName());
    if (resolved != null && resolved.getProperties() != null) {
      resolved.getProperties().put("records", new ArraySchema().items(anyRecord));
    }
    return new ApiResponse().description("A page.").content(jsonContent(page));
  }

  /** The schema of {@code type}, generated, its named parts added to the components. */
  @SuppressWarnings("rawtypes")
  private Schema<?> schema(Class<?> type) {
    ResolvedSchema resolved =
        converters.resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
    for (Map.Entry<String, Schema> e : resolved.referencedSchemas.entrySet()) {
      components.addSchemas(e.getKey(), e.getValue());
    }
    return resolved.schema;
  }
}
