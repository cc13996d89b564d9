package eu.sehr.cloud.records.steps;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.infra.Times;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.records.query.RecordCatalogue;
import eu.sehr.cloud.records.query.RecordEntry;
import eu.sehr.cloud.records.steps.RecordAnswers.BucketList;
import eu.sehr.cloud.records.steps.RecordAnswers.Metadata;
import eu.sehr.cloud.records.steps.RecordAnswers.ObjectList;
import eu.sehr.cloud.records.steps.RecordAnswers.RecordMetadata;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenKind;
import eu.sehr.cloud.storage.RecordStore;

/**
 * Pipeline steps that read records: the bucket list, a bucket's objects, an object's metadata and its bytes. Each
 * appends its event before answering; a download opens the object first, so no download is recorded that could
 * not be served.
 */
public final class ReadRecords {

    private final RecordAccess access;
    private final RecordCatalogue catalogue;
    private final RecordStore store;
    private final LongConsumer downloadedBytes;

    public ReadRecords(RecordAccess access, RecordCatalogue catalogue, RecordStore store, LongConsumer downloadedBytes) {
        this.access = access;
        this.catalogue = catalogue;
        this.store = store;
        this.downloadedBytes = downloadedBytes;
    }

    public BucketList buckets(Principal caller) {
        List<String> buckets = access.visibleBuckets(caller);
        access.listedBuckets(caller);
        return new BucketList(buckets);
    }

    public ObjectList objects(Principal caller, String bucket) {
        Target target = access.target(caller, bucket);
        List<String> objects = isHcp(caller)
                ? catalogue.objectsReachableInEmergency(target.bucket())
                : catalogue.objectsIn(target.bucket());
        access.listedBucket(caller, target.bucket());
        return new ObjectList(target.bucket(), objects);
    }

    public RecordMetadata metadata(Principal caller, String bucket, String object) {
        RecordEntry entry = find(caller, bucket, object);
        access.readMetadata(caller, entry);
        return new RecordMetadata(entry.object(), new Metadata(entry.object(), entry.bucket(), entry.size() / 1024.0,
                entry.contentType(), Times.iso(entry.dateAdded()), entry.sha256(),
                isHcp(caller) ? null : entry.emergencyVisible()));
    }

    public Download download(Principal caller, String bucket, String object) {
        Target target = access.target(caller, bucket);
        Names.requireObjectName(object);
        RecordEntry entry = entry(caller, target, object);
        Optional<? extends InputStream> opened = store.open(entry.storageKey());
        if (opened.isEmpty()) {
            // replaced between reading the catalogue and opening the object: the catalogue now names the new version
            entry = entry(caller, target, object);
            opened = store.open(entry.storageKey());
        }
        InputStream content = opened.orElseThrow(() -> new NotFound("no such record"));
        try {
            access.downloaded(caller, entry);
        } catch (RuntimeException e) {
            closeQuietly(content);
            throw e;
        }
        downloadedBytes.accept(entry.size());
        return new Download(content, entry);
    }

    private RecordEntry find(Principal caller, String bucket, String object) {
        Target target = access.target(caller, bucket);
        Names.requireObjectName(object);
        return entry(caller, target, object);
    }

    /** An HCP finds only what an emergency may reach: a hidden record is "no such record", as a missing one is. */
    private RecordEntry entry(Principal caller, Target target, String object) {
        Optional<RecordEntry> found = isHcp(caller)
                ? catalogue.findReachableInEmergency(target.bucket(), object)
                : catalogue.find(target.bucket(), object);
        return found.orElseThrow(() -> new NotFound("no such record"));
    }

    private static boolean isHcp(Principal caller) {
        return caller.kind() == TokenKind.HCP;
    }

    private static void closeQuietly(InputStream content) {
        try {
            content.close();
        } catch (IOException ignored) {
            // the download is refused anyway
        }
    }
}
