package eu.sehr.cloud.transparency.receipt;

import java.util.List;
import java.util.function.BiFunction;

import eu.sehr.cloud.transparency.log.EventLeaves;
import eu.sehr.cloud.transparency.log.LeafEncoder;
import eu.sehr.cloud.transparency.log.LeafSalts;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;

/**
 * Gives every event, as it is stored, the salt of its leaf (in its metadata, so the leaf can be recomputed from the
 * event store), and promises the leaf's hash to the request that stores it, for its receipt. An event of a type
 * without a stable name fails here, before it is stored: no event without a leaf.
 */
public final class SaltingInterceptor implements MessageDispatchInterceptor<EventMessage<?>> {

    private final LeafSalts salts;
    private final EventLeaves leaves;
    private final LeafEncoder encoder;
    private final CurrentRequest request;

    public SaltingInterceptor(LeafSalts salts, EventLeaves leaves, LeafEncoder encoder, CurrentRequest request) {
        this.salts = salts;
        this.leaves = leaves;
        this.encoder = encoder;
        this.request = request;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            String salt = EventLeaves.saltOf(event).orElseGet(salts::next);
            EventMessage<?> salted = event.andMetaData(MetaData.with(LeafSalts.META_DATA_KEY, salt));
            byte[] leafHash = encoder.hash(leaves.of(salted, salt));
            request.leaves().ifPresent(leaves -> leaves.promise(event.getIdentifier(), leafHash));
            return salted;
        };
    }
}
