package eu.sehr.cloud.records.steps;

import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.records.api.Requester;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands name who asks; the account decides the rule (its fixture tests: CitizenAccountRecordAccessTest). */
class RecordAccessTest {

    private static final String ACCOUNT = "0f8e4a52-6c1d-4c55-9d8e-2a7f3b9c1d20";
    private static final Principal CITIZEN = Principal.citizen("alice", ACCOUNT, "token-1");
    private static final Principal HCP = new Principal(TokenKind.HCP, "alice", ACCOUNT, "grant-1", "3f2a9c01be",
            "3f2a9c01be" + "0".repeat(54), "St Mary Hospital", "Dr House", "access-1");

    @Test
    void should_ask_as_an_hcp_under_the_tokens_grant_and_emergency_access() {
        Requester requester = RecordAccess.requester(HCP);
        assertThat(requester).isEqualTo(Requester.hcp(Actor.hcp("Dr House", "St Mary Hospital"), "grant-1", "access-1"));
        assertThat(requester.isHcp()).isTrue();
    }

    @Test
    void should_ask_as_the_citizen_without_grant_or_access() {
        Requester requester = RecordAccess.requester(CITIZEN);
        assertThat(requester).isEqualTo(Requester.citizen(Actor.citizen("alice")));
        assertThat(requester.isHcp()).isFalse();
    }
}
