package dev.accesslists.scim.schemas;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde that writes a value as JSON with the project's {@link Json} mapper. */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final JavaType type;

    private JsonSerde(JavaType type) {
        this.type = type;
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(Json.mapper().constructType(type));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return Json.mapper().writerFor(type).writeValueAsBytes(data);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + type + " for topic " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("cannot read " + type + " from topic " + topic, e);
        }
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // configured by construction
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
