package eu.sehr.cloud.storage;

/**
 * Where things live in the one physical bucket: records under {@code {bucketName}/{objectName}}, signed consent
 * documents under {@code _consents/{accountId}/{purpose}-{sha256}.json} (bucket names never start with {@code _}, so the two never meet).
 */
public final class ObjectKeys {

    private static final String CONSENTS = "_consents/";

    private ObjectKeys() {
    }

    public static String record(String bucket, String object) {
        return bucket + "/" + object;
    }

    public static String bucketPrefix(String bucket) {
        return bucket + "/";
    }

    /** A signed consent document, addressed by its content: a version once kept is never overwritten. */
    public static String consent(String accountId, String purpose, String sha256) {
        return CONSENTS + accountId + "/" + purpose + "-" + sha256 + ".json";
    }

    public static String consentsPrefix(String accountId) {
        return CONSENTS + accountId + "/";
    }
}
