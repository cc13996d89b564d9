package eu.sehr.cloud.transparency.log;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The log's one writer: takes every stored event, in the order its tracking processor delivers them (one segment,
 * so one replica at a time; Axon's gap-aware token, so no event is skipped or taken twice when transactions
 * commit out of order), and appends a batch of leaves just before the processor stores its token, in the same
 * transaction. Events stored before the log existed are taken too (the processor starts from the tail), with a
 * salt drawn here.
 */
@ProcessingGroup(LogSequencer.PROCESSING_GROUP)
public final class LogSequencer {

    public static final String PROCESSING_GROUP = "transparency-log";
    private static final String BATCH = LogSequencer.class.getName() + ".batch";

    private final EventLeaves leaves;
    private final LeafEncoder encoder;
    private final LeafSalts salts;
    private final LeafAppender appender;

    public LogSequencer(EventLeaves leaves, LeafEncoder encoder, LeafSalts salts, LeafAppender appender) {
        this.leaves = leaves;
        this.encoder = encoder;
        this.salts = salts;
        this.appender = appender;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event, TrackingToken token) {
        String salt = EventLeaves.saltOf(event).orElseGet(salts::next);
        LeafContent content = leaves.of(event, salt);
        batch().add(new PendingLeaf(event.getIdentifier(), token.position().orElse(-1), content.account(),
                EventLeaves.linkedAccounts(content), encoder.bytes(content)));
    }

    private List<PendingLeaf> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            List<PendingLeaf> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(done -> appender.append(pending));
            return pending;
        });
    }
}
