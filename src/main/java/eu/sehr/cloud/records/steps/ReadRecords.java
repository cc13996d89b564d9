package eu.sehr.cloud.records.steps;

import java.util.List;

import eu.sehr.cloud.infra.Times;
import eu.sehr.cloud.records.query.RecordCatalogue;
import eu.sehr.cloud.records.query.RecordEntry;
import eu.sehr.cloud.records.steps.RecordAnswers.BucketList;
import eu.sehr.cloud.records.steps.RecordAnswers.Metadata;
import eu.sehr.cloud.records.steps.RecordAnswers.ObjectList;
import eu.sehr.cloud.records.steps.RecordAnswers.RecordMetadata;
import eu.sehr.cloud.security.Principal;
import org.apache.camel.ExchangeProperty;

/**
 * Pipeline steps that answer record reads: the bucket list and a bucket's objects (each appends its event before
 * answering), and the metadata answer of a record found and recorded by the steps before it.
 */
public final class ReadRecords {

    private final RecordAccess access;
    private final RecordCatalogue catalogue;

    public ReadRecords(RecordAccess access, RecordCatalogue catalogue) {
        this.access = access;
        this.catalogue = catalogue;
    }

    public BucketList buckets(Principal caller) {
        List<String> buckets = access.visibleBuckets(caller);
        access.listedBuckets(caller);
        return new BucketList(buckets);
    }

    public ObjectList objects(Principal caller, String bucket) {
        Target target = access.target(caller, bucket);
        List<String> objects = RecordLookup.isHcp(caller)
                ? catalogue.objectsReachableInEmergency(target.bucket())
                : catalogue.objectsIn(target.bucket());
        access.listedBucket(caller, target.bucket());
        return new ObjectList(target.bucket(), objects);
    }

    /** {@code emergencyVisible} is the citizen's to see: an HCP never sees a hidden record. */
    public RecordMetadata metadata(@ExchangeProperty("principal") Principal caller,
                                   @ExchangeProperty("entry") RecordEntry entry) {
        return new RecordMetadata(entry.object(), new Metadata(entry.object(), entry.bucket(), entry.size() / 1024.0,
                entry.contentType(), Times.iso(entry.dateAdded()), entry.sha256(),
                RecordLookup.isHcp(caller) ? null : entry.emergencyVisible()));
    }
}
