package eu.sehr.cloud.transparency.receipt;

import java.util.Optional;

import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * Watches the event store's appends: once an event a request promised a leaf for is stored (committed), signs its
 * receipt for that request's response. An event whose append failed gets none.
 */
public final class ReceiptMonitor implements MessageMonitor<Message<?>> {

    private final CurrentRequest request;
    private final ReceiptSigner signer;

    public ReceiptMonitor(CurrentRequest request, ReceiptSigner signer) {
        this.request = request;
        this.signer = signer;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Optional<RequestLeaves> leaves = request.leaves();
        if (leaves.isEmpty()) {
            return NoOpMessageMonitorCallback.INSTANCE;
        }
        String eventId = message.getIdentifier();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                byte[] leafHash = leaves.get().stored(eventId);
                if (leafHash != null) {
                    leaves.get().addReceipt(signer.receipt(leafHash));
                }
            }

            @Override
            public void reportFailure(Throwable cause) {
                leaves.get().stored(eventId);
            }

            @Override
            public void reportIgnored() {
                leaves.get().stored(eventId);
            }
        };
    }
}
