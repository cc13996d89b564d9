package eu.sehr.cloud.transparency.log;

/** One leaf as stored: its index in the tree, the event it stands for, the account it is about, its bytes. */
public record LeafRow(long index, String eventId, long globalIndex, String account, byte[] leaf) {
}
