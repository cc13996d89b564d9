package eu.sehr.cloud.infra.axon;

import java.util.Objects;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * An aggregate cache that never decides on stale state, even with several replicas sharing one event store. A
 * cached aggregate is used only while its version is still the last sequence number of its stream in the store
 * (one indexed read instead of the snapshot and the events after it); when another replica has appended in the
 * meantime, the aggregate is loaded again. Appends stay guarded by the store's unique (aggregate, sequence) key,
 * and a rolled-back unit of work evicts its aggregate.
 */
final class StoreCheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;

    StoreCheckedCachingRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache) {
        super(builder.eventStore(eventStore).cache(cache));
        this.eventStore = eventStore;
        this.cache = cache;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached && !isCurrent(aggregate, aggregateIdentifier)) {
            cache.remove(aggregateIdentifier);
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        return aggregate;
    }

    private boolean isCurrent(EventSourcedAggregate<T> aggregate, String aggregateIdentifier) {
        return Objects.equals(aggregate.version(), eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null));
    }
}
