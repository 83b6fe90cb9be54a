package mltutor.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Parses request bodies into records, strictly: a value of the wrong JSON type is refused, not coerced
 * ({@code "5"} or {@code 5.7} for a whole number, {@code 12} for text), and so is anything after the object.
 * Unknown properties are ignored, as before, so older clients keep working. Every failure is a 400 whose message
 * names the field and what it must be, in JSON terms; Java type names never reach the client.
 */
final class JsonBody {
    private static final ObjectMapper MAPPER = strictMapper();
    private static final String MALFORMED = "malformed JSON request body: ";

    private JsonBody() {
    }

    static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (LogicalType numeric : List.of(LogicalType.Integer, LogicalType.Float)) {
            mapper.coercionConfigFor(numeric)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    static <T> T read(Context ctx, Class<T> type) {
        String body = utf8(ctx.bodyAsBytes());
        if (body.isBlank()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        if (!body.strip().startsWith("{")) {
            throw ApiException.badRequest(MALFORMED + "must be a JSON object");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(MALFORMED + message(e));
        }
    }

    /** Strict UTF-8: invalid bytes are refused, not turned into replacement characters the services then see. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("request body is not valid UTF-8");
        }
    }

    /** What was wrong, in the client's terms: the field's JSON path and the JSON type it must have. */
    static String message(JsonProcessingException e) {
        if (e instanceof JsonParseException p) {
            var at = p.getLocation();
            return "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Trailing token")) {
            return "unexpected content after the JSON object";
        }
        String field = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        if (field.isEmpty()) {
            return "must be a JSON object";
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        return "'" + field + "' " + expected(target);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        var out = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "has an invalid value";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class) {
            return "must be a whole number";
        }
        if (target == Double.class || target == double.class || target == Float.class || target == float.class) {
            return "must be a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (CharSequence.class.isAssignableFrom(target) || target.isEnum()) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be a list";
        }
        return "must be an object";
    }
}
