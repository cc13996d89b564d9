package eu.sehr.cloud.infra.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.transparency.log.EventNames;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Jackson serialization that names events by their stable names ({@link EventNames}, e.g. {@code HealthRecordDownloaded})
 * instead of Java class names, so the event store's {@code payloadType} column survives renaming or moving a class.
 *
 * <p>Reading maps the other way, and also accepts the class names that rows stored before stable names carry (current
 * or, through {@link EventNames}' former class names, renamed ones): the upcasting of old rows is this mapping on read,
 * the rows themselves are never rewritten (their chain hashes cover the type as stored). Anything that is not a listed
 * event (snapshots, metadata, tokens) keeps its class name.
 */
final class StableNameSerializer extends JacksonSerializer {

    private final EventNames names;

    private StableNameSerializer(Builder builder, EventNames names) {
        super(builder);
        this.names = names;
    }

    static StableNameSerializer of(ObjectMapper mapper, EventNames names) {
        return new StableNameSerializer(JacksonSerializer.builder().objectMapper(mapper), names);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        SerializedType byClass = super.typeForClass(type);
        if (type == null || SimpleSerializedType.emptyType().equals(byClass)) {
            return byClass;
        }
        return new SimpleSerializedType(names.storedTypeOf(type), byClass.getRevision());
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return names.classOfStoredType(serializedType.getName()).map(Class::getName).orElse(serializedType.getName());
    }
}
