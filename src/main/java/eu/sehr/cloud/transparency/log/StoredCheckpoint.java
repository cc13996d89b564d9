package eu.sehr.cloud.transparency.log;

/** A checkpoint the log signed: its size, root hash and signed note (without witness cosignatures). */
public record StoredCheckpoint(long size, byte[] rootHash, String note) {
}
