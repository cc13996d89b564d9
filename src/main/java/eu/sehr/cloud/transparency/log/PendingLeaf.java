package eu.sehr.cloud.transparency.log;

/** A leaf the sequencer has taken but not yet appended: the event it stands for and its bytes. */
public record PendingLeaf(String eventId, long globalIndex, String account, byte[] leaf) {
}
