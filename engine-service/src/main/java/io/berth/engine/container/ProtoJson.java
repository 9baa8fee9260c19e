package io.berth.engine.container;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.berth.common.json.Json;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.types.v1.StringList;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The berth.engine.v1 {@link ContainerConfig} and {@link HostConfig} messages as config.v2.json holds them:
 * protobuf's JSON mapping ({@link JsonFormat}) under each field's {@code json_name}, which is Docker's name
 * ({@code "CpuShares"}), with every field printed (the file is complete), and two changes so the file keeps
 * Docker's shapes: 64-bit integers are JSON numbers (not protobuf's strings), and a
 * {@code berth.types.v1.StringList} (Cmd, Entrypoint) is a plain array, absent when unset. Reading ignores
 * unknown names (a record written by a newer berth still loads), takes JSON null as unset and accepts the
 * files written before the protos were the engine's model (same names and shapes).
 */
public final class ProtoJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final String STRING_LIST = StringList.getDescriptor().getFullName();

    private ProtoJson() {
    }

    /**
     * @param message a message
     * @return its JSON object, with Docker's names and shapes
     * @throws IOException if protobuf cannot print it
     */
    public static ObjectNode toTree(Message message) throws IOException {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(PRINTER.print(message));
        toDocker(message.getDescriptorForType(), tree);
        return tree;
    }

    /**
     * @param tree a JSON object as {@link #toTree} writes it
     * @param builder an empty builder of the message
     * @param <B> the builder type
     * @return the builder, merged with the tree
     * @throws IOException if the tree does not fit the message (a wrong type)
     */
    public static <B extends Message.Builder> B fromTree(JsonNode tree, B builder) throws IOException {
        if (tree == null || tree.isNull()) {
            return builder;
        }
        if (!tree.isObject()) {
            throw new IOException(builder.getDescriptorForType().getName() + " is not a JSON object: " + tree);
        }
        ObjectNode copy = tree.deepCopy();
        fromDocker(builder.getDescriptorForType(), copy);
        try {
            PARSER.merge(Json.MAPPER.writeValueAsString(copy), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(builder.getDescriptorForType().getName() + ": " + e.getMessage(), e);
        }
        return builder;
    }

    /** @return a Jackson module that writes and reads ContainerConfig and HostConfig as this class does */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("berth-engine-protos");
        add(m, ContainerConfig.class, ContainerConfig::newBuilder);
        add(m, HostConfig.class, HostConfig::newBuilder);
        return m;
    }

    private static <T extends Message> void add(SimpleModule m, Class<T> type, Supplier<Message.Builder> builder) {
        m.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeTree(toTree(value));
            }
        });
        m.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return type.cast(fromTree(p.readValueAsTree(), builder.get()).build());
            }
        });
    }

    private static void toDocker(Descriptor d, ObjectNode obj) {
        for (FieldDescriptor f : d.getFields()) {
            JsonNode v = obj.get(f.getJsonName());
            if (v == null) {
                continue;
            }
            if (isStringList(f)) {
                obj.set(f.getJsonName(), v.has("values") ? v.get("values") : JsonNodeFactory.instance.arrayNode());
            } else if (f.isMapField()) {
                FieldDescriptor value = f.getMessageType().findFieldByName("value");
                List<String> keys = new ArrayList<>();
                v.fieldNames().forEachRemaining(keys::add);
                for (String k : keys) {
                    ((ObjectNode) v).set(k, toDocker(value, v.get(k)));
                }
            } else if (f.isRepeated()) {
                ArrayNode a = (ArrayNode) v;
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, toDocker(f, a.get(i)));
                }
            } else {
                obj.set(f.getJsonName(), toDocker(f, v));
            }
        }
    }

    /** One value of field {@code f}: a nested message converted, a 64-bit integer as a number. */
    private static JsonNode toDocker(FieldDescriptor f, JsonNode v) {
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && v.isObject()) {
            toDocker(f.getMessageType(), (ObjectNode) v);
            return v;
        }
        if (f.getJavaType() == FieldDescriptor.JavaType.LONG && v.isTextual()) {
            return JsonNodeFactory.instance.numberNode(new BigInteger(v.asText()));
        }
        return v;
    }

    private static void fromDocker(Descriptor d, ObjectNode obj) {
        for (FieldDescriptor f : d.getFields()) {
            String name = obj.has(f.getJsonName()) ? f.getJsonName() : f.getName();
            JsonNode v = obj.get(name);
            if (v == null) {
                continue;
            }
            if (v.isNull()) {
                obj.remove(name);
            } else if (isStringList(f) && v.isArray()) {
                obj.set(name, JsonNodeFactory.instance.objectNode().set("values", v));
            } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {
                if (f.isRepeated() && v.isArray()) {
                    v.forEach(e -> {
                        if (e.isObject()) {
                            fromDocker(f.getMessageType(), (ObjectNode) e);
                        }
                    });
                } else if (v.isObject()) {
                    fromDocker(f.getMessageType(), (ObjectNode) v);
                }
            }
        }
    }

    private static boolean isStringList(FieldDescriptor f) {
        return f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated()
                && f.getMessageType().getFullName().equals(STRING_LIST);
    }
}
