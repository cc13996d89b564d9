package eu.sehr.cloud.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A repeatable stream of {@code size} pseudo-random bytes: the same seed and size give the same bytes, made on the
 * fly in constant memory (one 1 MiB block, each repetition marked with its index so no two blocks are equal).
 */
final class GeneratedBytes extends InputStream {

    static final long MIB = 1024L * 1024;
    private static final int BLOCK = 1 << 20;
    private static final int MARK = Long.BYTES;

    private final byte[] block;
    private final long size;
    private long position;

    GeneratedBytes(long seed, long size) {
        this.block = block(seed);
        this.size = size;
    }

    /** A small record held in memory, e.g. the 4 KiB records of the load test. */
    static byte[] bytes(long seed, int size) {
        try (GeneratedBytes in = new GeneratedBytes(seed, size)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 (hex) of the stream with this seed and size, computed by streaming it. */
    static String sha256Hex(long seed, long size) {
        try (GeneratedBytes in = new GeneratedBytes(seed, size)) {
            MessageDigest digest = Streams.sha256();
            Streams.drain(in, digest);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        long remaining = size - position;
        if (remaining <= 0) {
            return -1;
        }
        int inBlock = (int) (position % BLOCK);
        int count = (int) Math.min(Math.min(length, BLOCK - inBlock), remaining);
        System.arraycopy(block, inBlock, target, offset, count);
        if (inBlock < MARK) {
            long index = position / BLOCK;
            for (int i = inBlock; i < Math.min(MARK, inBlock + count); i++) {
                target[offset + i - inBlock] ^= (byte) (index >>> (56 - 8 * i));
            }
        }
        position += count;
        return count;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    private static byte[] block(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i += Long.BYTES) {
            long value = random.nextLong();
            for (int j = 0; j < Long.BYTES; j++) {
                block[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return block;
    }
}
