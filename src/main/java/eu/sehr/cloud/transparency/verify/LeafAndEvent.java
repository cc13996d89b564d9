package eu.sehr.cloud.transparency.verify;

import eu.sehr.cloud.audit.compliance.StoredEvent;

/**
 * A leaf of an account and the event store row of its event, matched by event id; either may be missing (a leaf whose
 * event was deleted, an event the log never took).
 */
record LeafAndEvent(Long leafIndex, String eventId, byte[] leaf, Long leafGlobalIndex, StoredEvent event, String eventTimestamp) {

    boolean hasLeaf() {
        return leafIndex != null;
    }

    boolean hasEvent() {
        return event != null;
    }
}
