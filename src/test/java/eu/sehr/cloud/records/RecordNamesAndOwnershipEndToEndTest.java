package eu.sehr.cloud.records;

import java.util.List;
import java.util.UUID;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RunningService.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object and bucket names (valid, invalid, dot segments) and ownership: another citizen's bucket is refused with 403
 * whether or not the object exists; a missing object or emergency bucket of one's own is 404.
 */
class RecordNamesAndOwnershipEndToEndTest extends RecordsFixture {

    RecordNamesAndOwnershipEndToEndTest(Api api, Started started) {
        super(api, started);
    }

    // --- names --------------------------------------------------------------------------------------------------

    static List<String> invalidObjectNameQueries() {
        return List.of("", "?objectName=", "?objectName=.hidden", "?objectName=a%20b", "?objectName=..",
                "?objectName=a%2Fb", "?objectName=%C3%A9", "?objectName=" + "x".repeat(129));
    }

    @ParameterizedTest
    @MethodSource("invalidObjectNameQueries")
    void should_refuse_uploads_with_an_invalid_object_name_with_400(String query) {
        Citizen citizen = consentingCitizen(api);

        api.send("POST", "/citizen/upload" + query, citizen.token(), TEST_TYPE, bytes(10, 9)).expectError(400);

        assertThat(objectsOf(api, citizen, citizen.username())).isEmpty();
    }

    @Test
    void should_accept_object_names_of_1_to_128_characters() {
        Citizen citizen = consentingCitizen(api);
        String longest = "L" + "x".repeat(126) + "-";

        upload(api, citizen, "1", TEST_TYPE, bytes(10, 10)).expect(201);
        upload(api, citizen, longest, TEST_TYPE, bytes(10, 11)).expect(201);
        upload(api, citizen, longest + "x", TEST_TYPE, bytes(10, 12)).expectError(400);
        upload(api, citizen, "A.b_c-9", TEST_TYPE, bytes(10, 13)).expect(201);

        assertThat(objectsOf(api, citizen, citizen.username())).containsExactlyInAnyOrder("1", longest, "A.b_c-9");
        assertThat(download(api, citizen, citizen.username(), longest).expect(200).body()).isEqualTo(bytes(10, 11));
    }

    static List<String> invalidObjectNamesInPaths() {
        return List.of(".hidden", "a%20b", "a%2Fb", "%C3%A9", "x".repeat(129));
    }

    @ParameterizedTest
    @MethodSource("invalidObjectNamesInPaths")
    void should_refuse_reading_an_invalid_object_name_with_400(String object) {
        Citizen citizen = consentingCitizen(api);

        metadata(api, citizen, citizen.username(), object).expectError(400);
        download(api, citizen, citizen.username(), object).expectError(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "a%2Fb", "ab", "a%20bc", "abc--hco-zzzzzzzzzz", "abc--hco-", "%C3%A9tienne"})
    void should_refuse_invalid_bucket_names_with_400(String bucket) {
        Citizen citizen = consentingCitizen(api);

        api.get("/citizen/buckets/" + bucket, citizen.token()).expectError(400);
        metadata(api, citizen, bucket, "PATIENT_SUMMARY").expectError(400);
        download(api, citizen, bucket, "PATIENT_SUMMARY").expectError(400);
    }

    /**
     * A {@code ..} path segment never reaches a route as a bucket name: the HTTP layer removes dot segments
     * (RFC 3986) before routing, so {@code /citizen/buckets/..} is {@code /citizen/}. Whatever answers, it is a
     * refusal in the contract's error body, and dot segments never lead into another citizen's bucket.
     */
    @Test
    void should_refuse_dot_dot_bucket_names_and_never_traverse_into_another_bucket() {
        Citizen owner = consentingCitizen(api);
        upload(api, owner, "PATIENT_SUMMARY", TEST_TYPE, bytes(100, 14)).expect(201);
        Citizen other = consentingCitizen(api);

        assertRefusedAs400or404(api.get("/citizen/buckets/..", other.token()));
        assertRefusedAs400or404(api.get("/citizen/buckets/%2E%2E", other.token()));
        assertRefusedAs400or404(metadata(api, other, "..", "PATIENT_SUMMARY"));
        api.get("/citizen/buckets/" + other.username() + "/../" + owner.username(), other.token()).expectError(403);
        download(api, other, other.username() + "/../" + owner.username(), "PATIENT_SUMMARY").expectError(403);
        metadata(api, other, other.username() + "/../" + owner.username(), "PATIENT_SUMMARY").expectError(403);
    }

    // --- ownership ----------------------------------------------------------------------------------------------

    @Test
    void should_refuse_another_citizens_bucket_with_403_whether_or_not_the_object_exists() {
        String base = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Citizen ann = consentingCitizen(api, base);
        Citizen anna = consentingCitizen(api, base + "a");
        upload(api, ann, "PATIENT_SUMMARY", TEST_TYPE, bytes(100, 15)).expect(201);
        upload(api, anna, "PATIENT_SUMMARY", TEST_TYPE, bytes(100, 16)).expect(201);

        for (Citizen[] pair : new Citizen[][]{{ann, anna}, {anna, ann}}) {
            Citizen caller = pair[0];
            String foreign = pair[1].username();
            api.get("/citizen/buckets/" + foreign, caller.token()).expectError(403);
            metadata(api, caller, foreign, "PATIENT_SUMMARY").expectError(403);
            download(api, caller, foreign, "PATIENT_SUMMARY").expectError(403);
            metadata(api, caller, foreign, "NO_SUCH_RECORD").expectError(403);
            download(api, caller, foreign, "NO_SUCH_RECORD").expectError(403);
            assertThat(texts(api.get("/citizen/buckets", caller.token()).expect(200).json().get("buckets")))
                    .containsExactly(caller.username());
        }
        String nobody = base + "-nobody";
        api.get("/citizen/buckets/" + nobody, ann.token()).expectError(403);
        download(api, ann, nobody, "PATIENT_SUMMARY").expectError(403);

        assertThat(download(api, ann, ann.username(), "PATIENT_SUMMARY").expect(200).body()).isEqualTo(bytes(100, 15));
        assertThat(download(api, anna, anna.username(), "PATIENT_SUMMARY").expect(200).body()).isEqualTo(bytes(100, 16));
    }

    @Test
    void should_answer_404_for_a_missing_object_in_the_own_bucket() {
        Citizen citizen = consentingCitizen(api);
        upload(api, citizen, "PATIENT_SUMMARY", TEST_TYPE, bytes(100, 17)).expect(201);

        metadata(api, citizen, citizen.username(), "LABORATORY_RESULT").expectError(404);
        download(api, citizen, citizen.username(), "LABORATORY_RESULT").expectError(404);
    }

    @Test
    void should_answer_404_for_an_own_emergency_bucket_that_does_not_exist() {
        Citizen citizen = consentingCitizen(api);
        String emergencyBucket = citizen.username() + "--hco-0123456789";

        api.get("/citizen/buckets/" + emergencyBucket, citizen.token()).expectError(404);
        metadata(api, citizen, emergencyBucket, "PATIENT_SUMMARY").expectError(404);
        download(api, citizen, emergencyBucket, "PATIENT_SUMMARY").expectError(404);
        assertThat(texts(api.get("/citizen/buckets", citizen.token()).expect(200).json().get("buckets")))
                .containsExactly(citizen.username());
    }
}
