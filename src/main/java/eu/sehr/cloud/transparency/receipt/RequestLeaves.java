package eu.sehr.cloud.transparency.receipt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaves one HTTP request produced: promised when its events are about to be stored (hash known, salt drawn),
 * receipted once the event store has them. Only receipts of stored events reach the response.
 */
public final class RequestLeaves {

    private final Map<String, byte[]> promised = new HashMap<>();
    private final List<String> receipts = new ArrayList<>();

    public synchronized void promise(String eventId, byte[] leafHash) {
        promised.put(eventId, leafHash.clone());
    }

    /** The leaf hash promised for a stored event, if this request promised one. */
    public synchronized byte[] stored(String eventId) {
        return promised.remove(eventId);
    }

    public synchronized void addReceipt(String receipt) {
        receipts.add(receipt);
    }

    public synchronized List<String> receipts() {
        return List.copyOf(receipts);
    }
}
