package eu.sehr.cloud.transparency.log;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.transparency.note.SignerKey;
import eu.sehr.cloud.transparency.note.SigningKeyFile;

/**
 * The log's signing key (Ed25519, named after the log's origin): from {@code sehr.log.signing-key-file}, or generated
 * once in the data dir; separate from the token key. The keys that have signed are recorded, and a replica whose key
 * is not among them refuses to start unless a rotation is declared ({@code sehr.log.rotate-key}): replicas with
 * different keys would sign checkpoints no verifier could reconcile.
 */
public final class LogKey {

    private LogKey() {
    }

    public static SignerKey load(Path file, String origin, Sql sql, boolean rotate) {
        SignerKey key;
        try {
            key = new SigningKeyFile(new SecureRandom()).loadOrGenerate(file, origin);
        } catch (IOException e) {
            throw new ConfigurationException("the log signing key cannot be used: " + e.getMessage(), e);
        }
        String vkey = key.verifierKey().encoded();
        List<String> known = sql.list("SELECT vkey FROM log_key", statement -> {
        }, row -> row.getString(1));
        if (!known.isEmpty() && !known.contains(vkey) && !rotate) {
            throw new ConfigurationException("the log signing key " + vkey + " is not the key this log signs with ("
                    + String.join(", ", known) + "): give every replica the same sehr.log.signing-key-file, or set "
                    + "sehr.log.rotate-key=true to rotate to this key");
        }
        sql.update("INSERT INTO log_key (vkey, added_at) VALUES (?, now()) ON CONFLICT (vkey) DO NOTHING",
                statement -> statement.setString(1, vkey));
        return key;
    }
}
