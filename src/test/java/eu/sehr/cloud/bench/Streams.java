package eu.sehr.cloud.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.stream.Stream;

/** Reading streams to their end, and the benchmark's temporary directories. */
final class Streams {

    private static final int BUFFER = 64 * 1024;

    private Streams() {
    }

    /** Reads the stream to its end, feeding the digest if there is one; the number of bytes read. */
    static long drain(InputStream in, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (digest != null) {
                digest.update(buffer, 0, n);
            }
            total += n;
        }
        return total;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the directory and everything in it, as far as possible (a leftover is reported, not fatal). */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // reported below if the root stays
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // reported below
        }
        if (Files.exists(root)) {
            System.err.println("bench: could not delete all of " + root);
        }
    }
}
