package io.berth.engine.util;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.berth.common.time.DockerTime;
import java.io.IOException;
import java.time.Instant;

/**
 * The engine's one Jackson configuration: unknown properties are ignored (records written by a newer
 * engine still load), and {@link Instant}s are RFC 3339 strings ({@link DockerTime}) as in Docker's
 * config.v2.json.
 */
public final class Json {
    /** Shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = create();

    private Json() {
    }

    private static ObjectMapper create() {
        SimpleModule times = new SimpleModule("berth-instants");
        times.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(DockerTime.rfc3339Nano(v));
            }
        });
        times.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return DockerTime.parse(p.getValueAsString());
            }
        });
        return new ObjectMapper()
                .registerModule(times)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
