package eu.sehr.cloud.storage;

/**
 * Where things live in the one physical bucket: the first version of a record under {@code {bucketName}/{objectName}}
 * (as are records stored before versions existed), each replacement under {@code {bucketName}/{objectName}@{version}},
 * signed consent documents under
 * {@code _consents/{accountId}/{purpose}-{sha256}.json} (bucket names never start with {@code _}, and object names
 * never contain {@code @}, so none of these meet).
 */
public final class ObjectKeys {

    private static final String CONSENTS = "_consents/";
    private static final String VERSION_MARK = "@";

    private ObjectKeys() {
    }

    /** One stored version of a record; a null version is the key of a record stored before versions existed. */
    public static String record(String bucket, String object, String version) {
        return version == null ? bucket + "/" + object : bucket + "/" + object + VERSION_MARK + version;
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
