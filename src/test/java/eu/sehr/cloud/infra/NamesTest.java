package eu.sehr.cloud.infra;

import eu.sehr.cloud.infra.http.ApiException;
import eu.sehr.cloud.infra.http.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ann", "anna", "a-b-c", "0abc", "abcdefghijklmnopqrstuvwxyz012345", "x9z"})
    void should_accept_valid_usernames(String name) {
        assertThat(Names.isUsername(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB", "a--b", "-ab", "ab-", "a b", "login", "abcdefghijklmnopqrstuvwxyz0123456"})
    void should_refuse_invalid_usernames(String name) {
        assertThat(Names.isUsername(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATIENT_SUMMARY", "a", "lab-result.v2", "_x"})
    void should_accept_valid_object_names(String name) {
        assertThat(Names.requireObjectName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "..", "a/b", "a b", "a%2Fb"})
    void should_refuse_invalid_object_names(String name) {
        assertThatThrownBy(() -> Names.requireObjectName(name)).isInstanceOf(ApiException.class);
    }

    @Test
    void should_accept_home_and_emergency_buckets_only() {
        assertThat(Names.requireBucketName("alice")).isEqualTo("alice");
        assertThat(Names.requireBucketName("alice--hco-3f2a9c01be")).isEqualTo("alice--hco-3f2a9c01be");
        assertThat(Names.ownerOf("alice--hco-3f2a9c01be")).isEqualTo("alice");
        assertThatThrownBy(() -> Names.requireBucketName("alice--hco-XYZ")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Names.requireBucketName("alice--bob")).isInstanceOf(ApiException.class);
    }
}
