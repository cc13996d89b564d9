package eu.sehr.cloud.emergency.trust;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import eu.sehr.cloud.infra.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HCO certificate profile: the required Extended Key Usage and certificate policies. */
class HcoCertificateProfileTest extends HcoTrustFixture {

    @Test
    void should_refuse_a_certificate_without_the_required_extended_key_usage() {
        CertifiedKey serverOnly = leaf(List.of("1.3.6.1.5.5.7.3.1"), List.of());
        CertifiedKey withoutEku = leaf(List.of(), List.of());

        assertForbidden(() -> trust.verify(signer(serverOnly).sign("Dr House", "unconscious patient admitted to the emergency department")));
        assertForbidden(() -> trust.verify(signer(withoutEku).sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_accept_any_extended_key_usage_and_no_check_when_none_is_required() {
        CertifiedKey anyUsage = leaf(List.of(HcoCertificateProfile.ANY_EXTENDED_KEY_USAGE), List.of());
        CertifiedKey withoutEku = leaf(List.of(), List.of());
        HcoTrust noEkuRequired = new HcoTrust(TrustAnchors.of(List.of(ca.certificate())),
                HcoCertificateProfile.of(Optional.empty(), Optional.empty()), clock);

        assertThat(trust.verify(signer(anyUsage).sign("Dr House", "unconscious patient admitted to the emergency department")).hcpName()).isEqualTo("Dr House");
        assertThat(noEkuRequired.verify(signer(withoutEku).sign("Dr House", "unconscious patient admitted to the emergency department")).hcpName()).isEqualTo("Dr House");
    }

    @Test
    void should_refuse_a_certificate_without_a_required_policy() {
        HcoTrust policyRequired = withProfile(HcoCertificateProfile.CLIENT_AUTH, REQUIRED_POLICY + ", 1.3.6.1.4.1.99999.1.2");

        assertForbidden(() -> policyRequired.verify(signer(hospital).sign("Dr House", "unconscious patient admitted to the emergency department")));
        assertForbidden(() -> policyRequired.verify(signer(leaf(List.of(HcoCertificateProfile.CLIENT_AUTH),
                List.of("1.3.6.1.4.1.99999.7"))).sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_refuse_a_certificate_with_the_policy_but_the_wrong_extended_key_usage() {
        HcoTrust policyRequired = withProfile(HcoCertificateProfile.CLIENT_AUTH, REQUIRED_POLICY);

        assertForbidden(() -> policyRequired.verify(signer(leaf(List.of("1.3.6.1.5.5.7.3.1"), List.of(REQUIRED_POLICY)))
                .sign("Dr House", "unconscious patient admitted to the emergency department")));
    }

    @Test
    void should_accept_a_certificate_with_the_required_extended_key_usage_and_policy() {
        HcoTrust policyRequired = withProfile(HcoCertificateProfile.CLIENT_AUTH, REQUIRED_POLICY);
        CertifiedKey compliant = leaf(List.of(HcoCertificateProfile.CLIENT_AUTH), List.of(REQUIRED_POLICY));

        assertThat(policyRequired.verify(signer(compliant).sign("Dr House", "unconscious patient admitted to the emergency department")).hcpName()).isEqualTo("Dr House");
    }

    @Test
    void should_fail_configuration_on_a_setting_that_is_not_an_object_identifier() {
        assertThatThrownBy(() -> HcoCertificateProfile.of(Optional.of("clientAuth"), Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sehr.hco.required-eku");
        assertThatThrownBy(() -> HcoCertificateProfile.of(Optional.empty(), Optional.of("1.2.3, not-an-oid")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sehr.hco.certificate-policies");
        assertThat(HcoCertificateProfile.of(Optional.of(" 1.3.6.1.5.5.7.3.2 "), Optional.of(" 1.2.3 ,, 1.2.4 ")))
                .isEqualTo(new HcoCertificateProfile("1.3.6.1.5.5.7.3.2", Set.of("1.2.3", "1.2.4")));
    }
}
