package eu.sehr.cloud.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.EventRows;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listings and metadata in the contract's shape, and every access recorded as an event without the record bytes.
 */
class RecordListingsEndToEndTest extends RecordsFixture {

    RecordListingsEndToEndTest(Api api, Started started) {
        super(api, started);
    }

    // --- listings and metadata ----------------------------------------------------------------------------------

    @Test
    void should_list_the_home_bucket() {
        Citizen citizen = api.newCitizen();

        JsonNode answer = api.get("/citizen/buckets", citizen.token()).expect(200).json();

        assertThat(fieldNames(answer)).containsExactly("buckets");
        assertThat(texts(answer.get("buckets"))).containsExactly(citizen.username());
    }

    @Test
    void should_list_the_objects_of_a_bucket_sorted_and_an_empty_bucket_as_empty() {
        Citizen citizen = consentingCitizen(api);

        JsonNode empty = api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200).json();
        assertThat(empty.get("bucket").asText()).isEqualTo(citizen.username());
        assertThat(empty.get("objects").isArray()).isTrue();
        assertThat(empty.get("objects")).as("the signed consent is not an object").isEmpty();

        upload(api, citizen, "b", TEST_TYPE, bytes(10, 6)).expect(201);
        upload(api, citizen, "a", TEST_TYPE, bytes(10, 7)).expect(201);

        JsonNode listed = api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200).json();
        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("bucket", "objects");
        assertThat(listed.get("bucket").asText()).isEqualTo(citizen.username());
        assertThat(texts(listed.get("objects"))).containsExactly("a", "b");
    }

    @Test
    void should_answer_metadata_in_the_contract_shape() {
        Citizen citizen = consentingCitizen(api);
        byte[] record = bytes(3000, 8);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        upload(api, citizen, "PATIENT_SUMMARY", TEST_TYPE, record).expect(201);
        Instant after = Instant.now();

        Api.Response response = metadata(api, citizen, citizen.username(), "PATIENT_SUMMARY").expect(200);

        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode answer = response.json();
        assertThat(fieldNames(answer)).containsExactlyInAnyOrder("object", "metadata");
        assertThat(answer.get("object").asText()).isEqualTo("PATIENT_SUMMARY");
        JsonNode metadata = answer.get("metadata");
        assertThat(fieldNames(metadata)).containsExactlyInAnyOrder("objectName", "bucketName", "size", "type", "dateAdded", "sha256",
                "emergencyVisible");
        assertThat(metadata.get("objectName").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(metadata.get("bucketName").asText()).isEqualTo(citizen.username());
        assertThat(metadata.get("size").isNumber()).as("size is a JSON number").isTrue();
        assertThat(metadata.get("size").asDouble()).isEqualTo(3000 / 1024.0);
        assertThat(metadata.get("type").asText()).isEqualTo(TEST_TYPE);
        assertThat(metadata.get("sha256").asText()).isEqualTo(sha256Hex(record));
        String dateAdded = metadata.get("dateAdded").asText();
        assertThat(dateAdded).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(dateAdded)).isBetween(before, after);
    }

    // --- events -------------------------------------------------------------------------------------------------

    @Test
    void should_record_every_access_as_an_event_without_the_record_bytes() {
        Citizen citizen = consentingCitizen(api);
        String secret = "SECRET-RECORD-CONTENT-" + UUID.randomUUID();
        byte[] record = secret.getBytes(StandardCharsets.US_ASCII);

        upload(api, citizen, "PATIENT_SUMMARY", "text/plain", record).expect(201);
        download(api, citizen, citizen.username(), "PATIENT_SUMMARY").expect(200);
        api.get("/citizen/buckets", citizen.token()).expect(200);
        api.get("/citizen/buckets/" + citizen.username(), citizen.token()).expect(200);
        String metadata = metadata(api, citizen, citizen.username(), "PATIENT_SUMMARY").expect(200).text();

        EventRows events = new EventRows(started.service().stores().dataSource());
        List<EventRows.Row> stream = events.forAggregate(events.accountIdOf(citizen.username()));
        assertThat(stream).extracting(EventRows.Row::simpleType).containsSubsequence("ConsentGranted",
                "HealthRecordUploaded", "HealthRecordDownloaded", "BucketsListed", "BucketListed", "HealthRecordMetadataRead");
        JsonNode uploaded = payload(only(stream, "HealthRecordUploaded"));
        assertThat(uploaded.get("bytes").asLong()).isEqualTo(record.length);
        assertThat(uploaded.get("sha256").asText()).isEqualTo(sha256Hex(record));
        JsonNode downloaded = payload(only(stream, "HealthRecordDownloaded"));
        assertThat(downloaded.get("object").asText()).isEqualTo("PATIENT_SUMMARY");
        assertThat(downloaded.get("sha256").asText()).isEqualTo(sha256Hex(record));

        String base64 = Base64.getEncoder().encodeToString(record);
        assertThat(metadata).doesNotContain("SECRET-RECORD-CONTENT").doesNotContain(base64.substring(0, 24));
        for (EventRows.Row row : events.all()) {
            assertThat(row.payload() + row.metaData()).as(row.type())
                    .doesNotContain("SECRET-RECORD-CONTENT")
                    .doesNotContain(base64.substring(0, 24));
        }
    }
}
